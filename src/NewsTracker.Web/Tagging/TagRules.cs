using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Data;
using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Tagging;

/// <summary>Rules every tagging command shares: who may do what, stale-write detection with a message that
/// says who changed the row and when, and what a name may contain.</summary>
public static partial class TagRules
{
    /// <summary>Folds a name for matching: accents dropped, lower case, punctuation to spaces, a leading
    /// "the" dropped ("The White House" and "White House" are one actor).</summary>
    public static string NormalizeName(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (!space && c is not '\'' and not '’' and not '.')
            {
                builder.Append(' ');
                space = true;
            }
        }

        var folded = builder.ToString().TrimEnd();
        return folded.StartsWith("the ", StringComparison.Ordinal) && folded.Length > 4 ? folded[4..] : folded;
    }

    /// <summary>Whether a name or description looks like markup or carries control characters. Such text is
    /// refused: it is never a real name, and refusing it keeps exports and other tools' views safe too.</summary>
    public static bool LooksLikeMarkup(string? text) =>
        text is not null && (MarkupPattern().IsMatch(text) || text.Any(c => char.IsControl(c) && c is not '\t'));

    public const string MarkupMessage = "Names and descriptions are plain text: remove the angle-bracket tags or control characters.";

    /// <summary>Refuses people who may not tag at all.</summary>
    public static void RequireProposer(Editor editor)
    {
        if (!editor.CanPropose)
        {
            throw new ForbiddenException("Only journalists and editors can tag articles.");
        }
    }

    /// <summary>Refuses people who are not editors.</summary>
    public static void RequireEditor(Editor editor, string what)
    {
        if (!editor.IsEditor)
        {
            throw new ForbiddenException($"Only editors can {what}.");
        }
    }

    /// <summary>Editors may change anything; a journalist only what they proposed themselves and nobody has approved.</summary>
    public static void RequireOwnProposal(Editor editor, string? createdByUserId, bool approved, string what)
    {
        if (editor.IsEditor)
        {
            return;
        }

        RequireProposer(editor);
        if (approved || createdByUserId is null || !string.Equals(createdByUserId, editor.UserId, StringComparison.Ordinal))
        {
            throw new ForbiddenException($"Journalists can only {what} their own proposals that no editor has approved yet; ask an editor.");
        }
    }

    /// <summary>Throws 409 when the row changed since the client read it (its stamp differs), naming who
    /// changed it and when, so the person can reload and decide.</summary>
    public static async Task EnsureCurrentAsync(NewsTrackerDbContext db, ITagEntity entity, Guid? stamp, string what, CancellationToken cancellationToken)
    {
        if (stamp is null || stamp == entity.ConcurrencyStamp)
        {
            return;
        }

        throw await ConflictAsync(db, entity, what, cancellationToken);
    }

    /// <summary>The 409 for a row changed by someone else.</summary>
    public static async Task<ConflictException> ConflictAsync(NewsTrackerDbContext db, ITagEntity entity, string what, CancellationToken cancellationToken)
    {
        var who = entity.UpdatedByUserId is null
            ? "the system"
            : await db.Users.Where(u => u.Id == entity.UpdatedByUserId).Select(u => u.UserName).FirstOrDefaultAsync(cancellationToken) ?? "another user";
        return new ConflictException(
            $"This {what} was changed by {who} at {entity.UpdatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC since you opened it. Reload to see their change, then try again; nothing was saved.");
    }

    [GeneratedRegex(@"<\s*/?\s*[A-Za-z!?]|&#?[A-Za-z0-9]+;", RegexOptions.CultureInvariant)]
    private static partial Regex MarkupPattern();
}
