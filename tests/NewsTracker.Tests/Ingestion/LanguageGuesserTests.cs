using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Ingestion;

public sealed class LanguageGuesserTests
{
    public static TheoryData<string, string?> Texts => new()
    {
        { "The council said on Tuesday that the flood barrier, which was approved after a decade of delays, will protect four thousand homes from the river.", "en" },
        { "Der Stadtrat hat am Dienstag beschlossen, dass die neue Flutmauer nach zehn Jahren Verzögerung gebaut wird und die Häuser am Fluss schützen soll.", "de" },
        { "Le conseil municipal a annoncé mardi que la nouvelle digue, approuvée après dix ans de retard, protégera les maisons qui sont au bord du fleuve.", "fr" },
        { "El ayuntamiento anunció el martes que la nueva barrera contra las inundaciones, aprobada tras una década de retrasos, protegerá las casas del río.", "es" },
        { "Il consiglio comunale ha annunciato martedì che la nuova barriera, approvata dopo un decennio di ritardi, proteggerà le case che sono lungo il fiume.", "it" },
        { "Городской совет во вторник заявил, что новая дамба, которую одобрили после десяти лет задержек, защитит дома на берегу реки от наводнений.", "ru" },
        { "市議会は火曜日、十年の遅れの後に承認された新しい防潮堤が川沿いの住宅を守ると発表した。", "ja" },
        { "市议会周二表示，经过十年拖延后批准的新防洪堤将保护河边的四千户住宅。", "zh" },
        { "Flood barrier", null },
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Guesses_the_language_of_running_text_and_declines_on_a_few_words(string text, string? expected) =>
        Assert.Equal(expected, LanguageGuesser.Guess(text));
}
