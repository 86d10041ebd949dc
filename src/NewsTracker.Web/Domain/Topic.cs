namespace NewsTracker.Web.Domain;

/// <summary>
/// A subject readers follow ("Ukraine and NATO membership"): a saved search in the search language, chosen
/// actors whose approved mentions bring articles in, and single articles an editor included or excluded by
/// hand. Staff see every topic; readers see published ones.
/// </summary>
public sealed class Topic : ITagEntity
{
    public int Id { get; set; }

    public required string Name { get; set; }

    /// <summary>The address part (<c>/topics/{slug}</c>): lower-case letters, digits and dashes, unique.</summary>
    public required string Slug { get; set; }

    public string? Description { get; set; }

    /// <summary>A query in the search language (<c>Ukraine NATO</c>); empty when only actors and manual picks count.</summary>
    public string? Definition { get; set; }

    public bool IsPublished { get; set; }

    public List<TopicActor> Actors { get; } = [];

    public List<TopicArticle> Articles { get; } = [];

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>An actor whose approved mentions make an article part of a topic.</summary>
public sealed class TopicActor
{
    public int TopicId { get; set; }

    public int ActorId { get; set; }

    public Actor? Actor { get; set; }
}

/// <summary>An article an editor put into a topic (<see cref="Included"/>) or kept out of it whatever matches.</summary>
public sealed class TopicArticle
{
    public int TopicId { get; set; }

    public int ArticleId { get; set; }

    public Article? Article { get; set; }

    public bool Included { get; set; }
}

/// <summary>An editor-written event on a topic's timeline: a UTC day, one line, optionally a link.</summary>
public sealed class Milestone : ITagEntity
{
    public int Id { get; set; }

    public int TopicId { get; set; }

    /// <summary>The day it happened (midnight UTC).</summary>
    public DateTime DayUtc { get; set; }

    public required string Text { get; set; }

    public string? Url { get; set; }

    public DateTime CreatedUtc { get; set; }

    public string? CreatedByUserId { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public string? UpdatedByUserId { get; set; }

    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}

/// <summary>A signed-in reader following a topic, and when they last looked at its timeline.</summary>
public sealed class TopicFollow
{
    public required string UserId { get; set; }

    public int TopicId { get; set; }

    public DateTime FollowedUtc { get; set; }

    public DateTime LastSeenUtc { get; set; }
}
