using NewsTracker.Web.Domain;
namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// The built-in word lists: countries (with short forms), capitals and a few regions that act in the news,
/// international organisations and news organisations, government bodies known by a building or street,
/// demonyms (which are not actors), titles and the capitalised words that are never names.
/// Each line of a list is "surface|surface=Canonical name"; without "=" the first surface is canonical.
/// </summary>
internal static class Gazetteer
{
    private const string Countries = """
        Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|Bahrain|Bangladesh
        Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia and Herzegovina|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso
        Burundi|Cambodia|Cameroon|Canada|Chad|Chile|China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia
        Denmark|Djibouti|Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France
        Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran
        Iraq|Ireland|Israel|Italy|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho
        Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius
        Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nepal|Netherlands|New Zealand|Nicaragua
        Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru
        Philippines|Poland|Portugal|Qatar|Romania|Rwanda|San Marino|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore
        Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria
        Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tunisia|Turkey|Türkiye|Turkmenistan|Uganda|Ukraine|Uruguay|Uzbekistan
        Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|England|Scotland|Wales|Northern Ireland
        United Kingdom|UK|U.K.|Britain|Great Britain=United Kingdom
        United States|United States of America|US|U.S.|USA|U.S.A.|America=United States
        Russia|Russian Federation=Russia
        Ivory Coast|Côte d'Ivoire=Ivory Coast
        UAE|United Arab Emirates=United Arab Emirates
        DRC|Democratic Republic of Congo|Democratic Republic of the Congo=Democratic Republic of the Congo
        """;

    private const string Places = """
        Kyiv|Kiev=Kyiv
        North America|South America|Central America|Latin America|Americas|East Asia|Europe|Africa|Middle East
        Moscow|Washington|London|Paris|Berlin|Beijing|Tokyo|Brussels|Rome|Madrid|Warsaw|Ankara|Tehran|Jerusalem|Tel Aviv
        Cairo|New Delhi|Delhi|Islamabad|Kabul|Baghdad|Damascus|Riyadh|Doha|Ottawa|Canberra|Seoul|Pyongyang|Taipei|Minsk
        Vilnius|Riga|Tallinn|Helsinki|Stockholm|Oslo|Copenhagen|Dublin|Lisbon|Athens|Vienna|Bern|Prague|Budapest|Bucharest
        Sofia|Belgrade|Zagreb|Tbilisi|Yerevan|Baku|Nairobi|Pretoria|Abuja|Addis Ababa|Brasília|Brasilia|Buenos Aires
        Mexico City|Caracas|Havana|Bogotá|Bogota|Lima|Hanoi|Bangkok|Jakarta|Manila|Beirut|Amman|Kinshasa|Khartoum|Geneva
        Crimea|Donbas|Donetsk|Luhansk|Kharkiv|Odesa|Zaporizhzhia|Kherson|Gaza|West Bank|Kashmir|Hong Kong|Xinjiang|Tibet
        Catalonia|Europe|Africa|Asia|Middle East
        Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|Indiana|Iowa
        Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska
        Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania
        Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming
        Ontario|Quebec|British Columbia|Alberta|Manitoba|Saskatchewan|Nova Scotia|New South Wales|Queensland|Tasmania
        New York City|Los Angeles|Chicago|Houston|Philadelphia|Phoenix|San Antonio|San Diego|Dallas|San Francisco|Seattle
        Boston|Denver|Atlanta|Miami|Detroit|Baltimore|Las Vegas|New Orleans|Minneapolis|Toronto|Montreal|Vancouver|Sydney
        Melbourne|Brisbane|Perth|Auckland|Wellington|Mumbai|Kolkata|Chennai|Bangalore|Karachi|Lahore|Dhaka|Shanghai|Shenzhen
        Guangzhou|Osaka|Singapore|Dubai|Abu Dhabi|Istanbul|St Petersburg|Barcelona|Milan|Naples|Munich|Frankfurt|Hamburg
        Marseille|Lyon|Amsterdam|Rotterdam|Manchester|Birmingham|Liverpool|Leeds|Glasgow|Edinburgh|Belfast|Cardiff|Bristol
        Lagos|Johannesburg|Cape Town|Rio de Janeiro|São Paulo|Sao Paulo|Balkans|Scandinavia|Siberia
        """;

    private const string Organisations = """
        NATO|Nato|North Atlantic Treaty Organization=NATO
        EU|European Union=European Union
        UN|U.N.|United Nations=United Nations
        UN Security Council|Security Council=UN Security Council
        WHO|World Health Organization=World Health Organization
        IMF|International Monetary Fund=International Monetary Fund
        World Bank|WTO|World Trade Organization|OPEC|G7|G20|OSCE|ASEAN|African Union|Red Cross|Amnesty International
        Human Rights Watch|European Commission|European Parliament|European Central Bank|ECB|Federal Reserve|Fed
        Bank of England|International Criminal Court|ICC|International Atomic Energy Agency|IAEA|FIFA|UEFA|IOC
        Hamas|Hezbollah|Taliban|Wagner
        Labour|Labour Party|SNP|Scottish National Party|GOP|Democratic Party|Republican Party|Conservative Party|Liberal Democrats
        Lib Dems|Sinn Féin|Sinn Fein|DUP|Plaid Cymru|UKIP|ANC|BJP|Likud|Fidesz|AfD|CDU|SPD
        Twitter|Facebook|Instagram|TikTok|YouTube|Snapchat|Reddit|LinkedIn|Wikipedia|Google|Apple|Microsoft|Amazon|Meta
        OpenAI|Tesla|SpaceX|Netflix|Uber|Boeing|Airbus|Samsung|Huawei
        """;

    private const string NewsOrganisations = """
        Reuters|Associated Press|AP|AFP|Agence France-Presse|BBC|CNN|Bloomberg|Politico|Axios|Sky News|Al Jazeera
        New York Times|Washington Post|Wall Street Journal|Financial Times|The Times|The Guardian|Guardian|Telegraph
        Daily Mail|The Economist|Der Spiegel|Le Monde|Tass|TASS|Interfax
        """;

    private const string GovernmentBodies = """
        White House|Kremlin|Downing Street|Pentagon|State Department|Foreign Office|Home Office|Treasury|Whitehall
        Élysée|Elysee|Élysée Palace|Elysee Palace|Congress|Senate|House of Representatives|House of Commons|House of Lords
        Parliament|Bundestag|Duma|Knesset|Verkhovna Rada|Rada|Supreme Court|Ministry of Defence|Defense Department|Kremlin
        """;

    /// <summary>Demonyms and adjectives of countries: "Ukrainian servicemen" is not a mention of Ukraine the actor.</summary>
    public static readonly HashSet<string> Demonyms = new(Split("""
        Afghan|Albanian|Algerian|American|Argentine|Armenian|Australian|Austrian|Azerbaijani|Bangladeshi|Belarusian|Belgian
        Bolivian|Bosnian|Brazilian|British|Bulgarian|Cambodian|Canadian|Chilean|Chinese|Colombian|Croatian|Cuban|Cypriot
        Czech|Danish|Dutch|Egyptian|English|Eritrean|Estonian|Ethiopian|European|Finnish|French|Georgian|German|Ghanaian
        Greek|Haitian|Hungarian|Icelandic|Indian|Indonesian|Iranian|Iraqi|Irish|Israeli|Italian|Jamaican|Japanese|Jordanian
        Kazakh|Kenyan|Korean|Kurdish|Kuwaiti|Latvian|Lebanese|Libyan|Lithuanian|Malaysian|Mexican|Moldovan|Mongolian
        Moroccan|Nigerian|Norwegian|Pakistani|Palestinian|Peruvian|Polish|Portuguese|Qatari|Romanian|Russian|Rwandan|Saudi
        Scottish|Serbian|Slovak|Slovenian|Somali|Spanish|Sudanese|Swedish|Swiss|Syrian|Taiwanese|Thai|Turkish|Ugandan
        Ukrainian|Venezuelan|Vietnamese|Welsh|Yemeni|Zimbabwean|Western|Eastern|Northern|Southern|Soviet|Arab|African
        Asian|Latin|Muslim|Christian|Jewish|Catholic|Sunni|Shia|Crimean|Kremlin-backed|Russian-backed|pro-Russian
        Democratic|Republican|Conservative|Liberal|Socialist|Chinese-owned|African-American
        Filipino|Emirati|Omani|Bahraini|Tunisian|Senegalese|Malian|Cameroonian|Congolese|Angolan|Mozambican|Tanzanian|Zambian
        Guyanese|Trinidadian|Barbadian|Bahamian|Nepali|Nepalese|Lankan|Burmese|Singaporean|Uzbek|Tajik|Turkmen|Azeri|Kyrgyz
        Chechen|Basque|Catalan|Flemish|Maltese|Nicaraguan|Honduran|Guatemalan|Salvadoran|Panamanian|Rican|Dominican|Ecuadorian
        Uruguayan|Paraguayan|Tibetan|Uyghur|Hindu|Sikh|Buddhist|Hispanic|Latino|Latina|Indigenous|Aboriginal|Texan|Californian
        Floridian|Slovenian|Macedonian|Albanian|Kosovan|Montenegrin|Belarussian|Arabic|Hebrew|Mandarin|Cantonese|Hindi|Urdu
        Swahili|Farsi|Persian|Gaelic|Yiddish|Bengali|Punjabi|Tamil|Malay|Tagalog
        """), StringComparer.Ordinal);

    /// <summary>A demonym, or a compound that ends in one ("Israeli-Irish", "Somali-American").</summary>
    public static bool IsDemonym(string word)
    {
        var dash = word.LastIndexOf('-');
        return Demonyms.Contains(word) || (dash > 0 && dash < word.Length - 1 && Demonyms.Contains(word[(dash + 1)..]) && char.IsUpper(word[0]));
    }

    /// <summary>Members of a party or faith, named as a group: "Democrats", "Tories". Plural demonyms count too.</summary>
    private static readonly HashSet<string> GroupNouns = new(Split("""
        Democrats|Republicans|Conservatives|Liberals|Socialists|Tories|Greens|Muslims|Christians|Jews|Catholics|Protestants
        Sunnis|Shias|Arabs|Brits|Britons|Scots|Kurds|Israelis|Saudis|Yemenis|Iraqis|Pakistanis|Bangladeshis|Somalis
        """), StringComparer.Ordinal);

    /// <summary>"Palestinians", "Americans", "Democrats": people, never one actor an editor would link.</summary>
    public static bool IsGroupNoun(string word) =>
        GroupNouns.Contains(word) || (word.Length > 3 && word[^1] == 's' && Demonyms.Contains(word[..^1]));

    /// <summary>Compass words that qualify a place ("Southwest Miami-Dade") without being part of its name.</summary>
    public static readonly HashSet<string> CompassPrefixes = new(Split("Northwest|Northeast|Southwest|Southeast|NORTHWEST|NORTHEAST|SOUTHWEST|SOUTHEAST"), StringComparer.Ordinal);

    /// <summary>Words after which "for" still belongs to the name: "Office for Students", "Transport for London".</summary>
    public static readonly HashSet<string> ForNames = new(Split("""
        Office|Centre|Center|Centers|Commission|Committee|Council|Institute|Agency|Ministry|Department|Transport|Alliance
        Campaign|Coalition|Foundation|Fund|Society|Association|Federation|Organisation|Organization|Union|Network|Board|Bureau
        """), StringComparer.Ordinal);

    /// <summary>Capitalised words that never name an actor on their own.</summary>
    public static readonly HashSet<string> NeverNames = new(Split("""
        January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug
        Sep|Sept|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|I|OK|Christmas|Easter|Ramadan|God
        Covid|COVID|Covid-19|COVID-19|PhD|CEO|GDP|AI|TV|PM|AM|BST|GMT|UTC|EST|Celsius|Fahrenheit|Internet|Brexit
        MPs|MEPs|MSPs|Democrat|Republican|Olympic|Paralympic
        DNA|HIV|AIDS|GPS|PPE|EV|EVs|SUV|SUVs|ATM|CCTV|MRI|CT|ICU|LGBT|LGBTQ|NFT|VPN|USB|PDF|CFO|COO|GP|GPs|PIN|ID|IQ|UFO|DIY|HQ
        IVF|OBE|MBE|CBE|QC|KC|CM|FAQ|SMS|URL|PR
        """), StringComparer.Ordinal);

    /// <summary>Common capitalised sentence openers; a capital on these says nothing about a name.</summary>
    public static readonly HashSet<string> SentenceOpeners = new(Split("""
        The|A|An|This|That|These|Those|It|Its|He|She|They|We|You|I|His|Her|Their|Our|My|But|And|Or|So|Yet|Still|However
        Despite|After|Before|When|While|Although|Though|Because|Since|If|Unless|As|At|In|On|By|For|With|Without|From|To
        Of|Under|Over|During|Last|Next|Earlier|Later|Meanwhile|Then|There|Here|Some|Many|Most|All|Both|Each|Every|No
        Not|Only|Even|Also|Such|Other|Another|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|First|Second|Third|Asked
        What|Who|Why|How|Where|Which|Instead|Indeed|Now|Today|Yesterday|Tomorrow|Once|Until|Among|Amid|Against|Across
        Like|Unlike|Including|According|Speaking|Writing|Officials|Sources|Police|Critics|Analysts|Experts|Residents
        """), StringComparer.Ordinal);

    /// <summary>Connectors allowed between capitalised words of one name: "Bank of England", "Ursula von der Leyen".</summary>
    public static readonly HashSet<string> NameConnectors = new(Split("of|the|de|del|della|da|di|do|dos|das|du|des|von|van|der|den|le|la|bin|ibn|al|el|y"), StringComparer.Ordinal);

    /// <summary>Last words that make a capitalised sequence an organisation.</summary>
    public static readonly HashSet<string> OrganisationHeads = new(Split("""
        Inc|Ltd|Plc|plc|Corp|Corporation|Company|Co|Group|Holdings|Bank|Airlines|Airways|University|College|School|Hospital
        Institute|Foundation|Association|Federation|Union|Party|Club|FC|United|Rovers|Wanderers|Athletic|Trust|Network|Times
        Post|News|Journal|Society|Centre|Center|Laboratory|Laboratories|Labs|Systems|Technologies|Motors|Energy|Partners
        Capital|Fund|League|Alliance|Organisation|Organization|Forum|Festival|Institution|Exchange|Insurance|Pharmaceuticals
        Media|Press|Guardian|Telegraph|Herald|Gazette|Review|Records|Studios|Industries|Services|Collective|Campaign|Coalition|Zoo
        """), StringComparer.Ordinal);

    /// <summary>Last words that make a capitalised sequence a government body.</summary>
    public static readonly HashSet<string> GovernmentHeads = new(Split("""
        Ministry|Department|Council|Parliament|Assembly|Senate|Congress|Court|Police|Office|Agency|Authority|Commission
        Committee|Army|Navy|Force|Forces|Guard|Service|Government|Administration|Cabinet|Treasury|Tribunal|Executive|Inquiry
        Constabulary|Regulator|Directorate|Bureau|Board|Embassy|Consulate|Mission
        """), StringComparer.Ordinal);

    /// <summary>Last words that make a capitalised sequence a place rather than a person.</summary>
    public static readonly HashSet<string> PlaceHeads = new(Split("""
        Street|Road|Avenue|Lane|Square|River|Park|Bridge|Valley|Lake|Mountain|Mountains|Island|Islands|County|Province
        Region|Sea|Ocean|Airport|Station|Stadium|Arena|Hall|Hill|Beach|Bay|Coast|Harbour|Port|Village|Town|City|Green|Way
        Estate|Field|Fields|Ground|Gardens|Cathedral|Church|Palace|Castle|Tower|Centre|Library|Museum|Theatre|Strait|Gulf
        """), StringComparer.Ordinal);

    /// <summary>Last words that make a capitalised sequence an area people govern and live in ("Travis County"), a named
    /// place editors tag, unlike the streets, parks and stations of <see cref="PlaceHeads"/>.</summary>
    public static readonly HashSet<string> AreaHeads = new(Split("""
        County|City|Province|Region|District|Borough|Parish|Territory|Territories|Municipality|Governorate|Oblast|Prefecture|Township
        """), StringComparer.Ordinal);

    /// <summary>Last words of capitalised sequences that name laws, events and prizes, which are not actors.</summary>
    public static readonly HashSet<string> NonActorHeads = new(Split("""
        Act|Bill|Treaty|Agreement|Accord|Convention|Marathon|Cup|Championship|Championships|Olympics|Games|Summit
        Conference|Awards|Prize|Trophy|Derby|Grand|Prix|Open|Declaration|Plan|Strategy|Programme|Program|Day|Week
        """), StringComparer.Ordinal);

    /// <summary>Words after which "of" still belongs to the name: "Bank of England", "University of Oxford".</summary>
    public static readonly HashSet<string> OfNames = new(Split("""
        Bank|University|Institute|Academy|Republic|Kingdom|Confederation|Federation|Department|Ministry|Secretary|Union
        Council|Chamber|College|School|Church|Court|House|Office|Museum|Society|Association|Board|Bureau|Commission
        Committee|Minister|Mayor|Governor|Duke|Duchess|Prince|Princess|Archbishop|Bishop|Port|City|State|States|Isle
        Gulf|Sea|Bay|Cape|Lake|Mount|Province|Region|District|County|Assembly|Party|Friends|Order|Chancellor|Centre|Center
        """), StringComparer.Ordinal);

    /// <summary>Head words of titles and roles that come before a name ("President", "spokesperson"), any case.</summary>
    public static readonly HashSet<string> TitleHeads = new(Split("""
        President|Minister|Secretary|Chancellor|Senator|Sen|Representative|Rep|Congressman|Congresswoman|Governor|Gov|Mayor
        Gen|Colonel|Col|Lieutenant|Lt|Sergeant|Sgt|Captain|Capt|Admiral|Adm|Commander|Judge|Justice|Executive
        CEO|Chairman|Chairwoman|Chair|Chairperson|Spokesperson|Spokesman|Spokeswoman|Mr|Mrs|Ms|Miss|Dr|Professor|Prof
        Coach|Manager|Pope|King|Queen|Prince|Princess|Sir|Dame|Lord|Baroness|Speaker|Ambassador|Envoy|Commissioner
        Director|Councillor|Inspector|Detective|Superintendent|Supt|Chief|Striker|Midfielder|Defender|Goalkeeper|Winger
        Forward|Economist|Analyst|Founder|Leader|Boss|Officer|Lawyer|Attorney|Prosecutor|Premier|Sheikh|Emir
        Cardinal|Bishop|Archbishop|Rabbi|Imam|Father|Deputy|Official|Researcher|Scientist|Author|Astronaut|Chancellor
        Constable|Headteacher|Principal|Dean|MP|MSP|MEP|Vice-President|Vice-Chancellor|Secretary-General|Aide|Adviser|Advisor
        Member|Nominee|Candidate
        """), StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that may stand before a title head: "Defence Secretary", "former Prime Minister".</summary>
    public static readonly HashSet<string> TitleModifiers = new(Split("""
        Defence|Defense|Foreign|Home|Health|Interior|Finance|Justice|Education|Energy|Environment|Transport|Culture|Trade
        Business|Treasury|State|Prime|Vice|Deputy|Chief|Senior|Former|Acting|Interim|Special|General|Attorney|Press|Managing
        Head|First|Shadow|Opposition|Party|Club|Team|Executive|Police|Fire|Labour|Economy|Economic|Security|Science
        Technology|Agriculture|Culture|Sports|Sport|Housing|Immigration|Development|Communications|Technical|Assistant
        Associate|Lead|Senior|Junior|Supreme|Grand|Crown|District|Chief|Detective|National|Foreign|Lord|Lady|Sporting
        Football|Medical|Scientific|Research|Government|Ministry|Company|Council|Campaign|Union
        Commerce|Climate|Crisis|Digital|Veterans|Homeland|Work|Pensions|Migration|Levelling|Industry|Infrastructure
        """), StringComparer.OrdinalIgnoreCase);

    public static IEnumerable<(string Surface, string Canonical, ActorKind Kind, string Reason, bool IsMedia)> Entries()
    {
        foreach (var (list, kind, reason, isMedia) in new (string, ActorKind, string, bool)[]
        {
            (Countries, ActorKind.Country, SuggestionReasons.CountryGazetteer, false),
            (Places, ActorKind.Other, SuggestionReasons.PlaceGazetteer, false),
            (Organisations, ActorKind.Organisation, SuggestionReasons.OrganisationGazetteer, false),
            (NewsOrganisations, ActorKind.Organisation, SuggestionReasons.OrganisationGazetteer, true),
            (GovernmentBodies, ActorKind.GovernmentBody, SuggestionReasons.GovernmentBodyGazetteer, false),
        })
        {
            foreach (var line in list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                var surfaces = (equals < 0 ? line : line[..equals]).Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var surface in surfaces)
                {
                    yield return (surface, equals < 0 ? surface : line[(equals + 1)..], kind, reason, isMedia);
                }
            }
        }
    }

    private static string[] Split(string list) =>
        list.Split(['|', '\n', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
