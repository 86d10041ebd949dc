namespace NewsTracker.Web.Domain;

/// <summary>In how many articles an event term occurs (the empty term counts all articles): the corpus statistics
/// event clustering weighs terms by, kept up to date as articles arrive.</summary>
public sealed class EventTermCount
{
    public required string Term { get; set; }

    public int Articles { get; set; }
}
