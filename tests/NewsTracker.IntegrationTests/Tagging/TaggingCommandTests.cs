using MediatR;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Tagging;

/// <summary>The tagging commands against a real database: permissions, the audit log, undo, stale writes and
/// re-anchoring when an article gets a new version.</summary>
public sealed class TaggingCommandTests(NewsTrackerFactory factory) : IClassFixture<NewsTrackerFactory>
{
    private const string Text = "Kyiv insists on membership.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.";

    private async Task<(int Id, string Text)> NewArticleAsync(string? text = null)
    {
        var result = await factory.SendAsync(new IngestArticle.Command { Text = "Tagging test " + Guid.NewGuid().ToString("N") + "\n\n" + (text ?? Text), Origin = "test" });
        var plain = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == result.ArticleId && v.Number == result.Version).Select(v => v.PlainText).SingleAsync());
        return (result.ArticleId, plain);
    }

    private static Tags.Create TagActor(int articleId, string text, string quote, string name, ActorKind kind = ActorKind.Person)
    {
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        return new Tags.Create(articleId, null, AnnotationKind.ActorMention, start, start + quote.Length, quote, NewActor: new Actors.NewActor(name, kind));
    }

    [Fact]
    public async Task An_editors_tag_is_approved_and_audited_with_who_and_what()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();

        var saved = await factory.SendAsAsync(editor, TagActor(id, text, "Vladimir Putin", "Vladimir Putin"));

        Assert.Equal(AnnotationStatus.Approved, saved.Status);
        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.ArticleId == id || e.ActorId == saved.ActorId).ToListAsync());
        Assert.Contains(entries, e => e.EntityType == "Annotation" && e.Action == "Created" && e.UserName == editor.UserName && e.After!.Contains("Vladimir Putin", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.EntityType == "Actor" && e.Action == "Created");
        Assert.Single(entries.Select(e => e.ChangeId).Distinct());
    }

    [Fact]
    public async Task A_journalist_proposes_and_cannot_publish_or_approve()
    {
        var journalist = await factory.CreateEditorAsync(Roles.Journalist);
        var (id, text) = await NewArticleAsync();
        var start = text.IndexOf("talks would continue", StringComparison.Ordinal);

        var tag = await factory.SendAsAsync(journalist, new Tags.Create(id, null, AnnotationKind.Claim, start, start + "talks would continue".Length, NewClaim: new Claims.NewClaim("Talks will continue")));

        Assert.Equal(AnnotationStatus.Proposed, tag.Status);
        await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(journalist, new Claims.Review(tag.ClaimId!.Value, null, Claims.ReviewAction.Publish, "true")));
        await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(journalist, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Approve: true)));
        var submitted = await factory.SendAsAsync(journalist, new Claims.Review(tag.ClaimId!.Value, null, Claims.ReviewAction.Submit));
        Assert.Equal(ReviewState.InReview, submitted.State);
    }

    [Fact]
    public async Task Readers_and_anonymous_visitors_cannot_tag()
    {
        var (id, text) = await NewArticleAsync();
        var reader = await factory.CreateEditorAsync(string.Empty);

        await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(reader, TagActor(id, text, "NATO", "NATO", ActorKind.Organisation)));
        await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsAsync(Editor.Anonymous, TagActor(id, text, "NATO", "NATO", ActorKind.Organisation)));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == id)));
    }

    [Fact]
    public async Task A_stale_stamp_is_a_conflict_naming_who_changed_it_and_nothing_is_overwritten()
    {
        var first = await factory.CreateEditorAsync(Roles.Editor);
        var second = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var tag = await factory.SendAsAsync(first, TagActor(id, text, "NATO", "NATO", ActorKind.Organisation));

        await factory.SendAsAsync(first, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Note: "first"));
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => factory.SendAsAsync(second, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Note: "second")));

        Assert.Contains(first.UserName!, conflict.Message, StringComparison.Ordinal);
        Assert.Contains("reload", conflict.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("first", await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == tag.Id).Select(a => a.Note).SingleAsync()));
    }

    [Theory]
    [InlineData(10, 5, "end")]
    [InlineData(-1, 3, "start")]
    [InlineData(4, 4, "end")]
    [InlineData(0, 100000, "end")]
    public async Task Bad_spans_are_refused_and_store_nothing(int start, int end, string field)
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, _) = await NewArticleAsync();

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor,
            new Tags.Create(id, null, AnnotationKind.ActorMention, start, end, NewActor: new Actors.NewActor("Somebody", ActorKind.Person))));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == id)));
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Name == "Somebody")));
    }

    [Fact]
    public async Task A_quote_that_does_not_match_and_an_unknown_actor_are_refused()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var start = text.IndexOf("NATO", StringComparison.Ordinal);

        var mismatch = await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor,
            new Tags.Create(id, null, AnnotationKind.ActorMention, start, start + 4, "OTAN", ActorId: 1)));
        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor,
            new Tags.Create(id, null, AnnotationKind.ActorMention, start, start + 4, "NATO", ActorId: 999_999)));
        var markup = await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor,
            new Tags.Create(id, null, AnnotationKind.ActorMention, start, start + 4, "NATO", NewActor: new Actors.NewActor("<script>alert(1)</script>", ActorKind.Other))));

        Assert.Contains("exact", mismatch.Errors.Keys);
        Assert.Contains("999999", unknown.Errors["ActorId"].Single(), StringComparison.Ordinal);
        Assert.NotEmpty(markup.Errors);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == id)));
    }

    [Fact]
    public async Task Undo_takes_back_the_last_change_only()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var kept = await factory.SendAsAsync(editor, TagActor(id, text, "Kyiv", "Kyiv", ActorKind.Other));
        var undone = await factory.SendAsAsync(editor, TagActor(id, text, "Vladimir Putin", "Vladimir Putin"));

        var result = await factory.SendAsAsync(editor, new History.Undo());

        Assert.Equal(id, result.ArticleId);
        var remaining = await factory.WithDbAsync(db => db.Annotations.Where(a => a.ArticleId == id).Select(a => a.Id).ToListAsync());
        Assert.Equal([kept.Id], remaining);
        Assert.False(await factory.WithDbAsync(db => db.Actors.AnyAsync(a => a.Id == undone.ActorId)));

        await factory.SendAsAsync(editor, new History.Undo());
        Assert.Equal(0, await factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == id)));
    }

    [Fact]
    public async Task Undo_of_a_delete_restores_the_tag_and_undo_of_an_edit_restores_the_note()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var tag = await factory.SendAsAsync(editor, TagActor(id, text, "NATO", "NATO", ActorKind.Organisation));
        var edited = await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Note: "checked"));
        await factory.SendAsAsync(editor, new Tags.Delete(tag.Id, edited.Stamp));

        await factory.SendAsAsync(editor, new History.Undo());
        Assert.Equal("checked", await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == tag.Id).Select(a => a.Note).SingleAsync()));

        await factory.SendAsAsync(editor, new History.Undo());
        Assert.Null(await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == tag.Id).Select(a => a.Note).SingleAsync()));
    }

    [Fact]
    public async Task Undo_refuses_when_someone_else_changed_the_row_since()
    {
        var first = await factory.CreateEditorAsync(Roles.Editor);
        var second = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var tag = await factory.SendAsAsync(first, TagActor(id, text, "NATO", "NATO", ActorKind.Organisation));
        await factory.SendAsAsync(second, new NewsTracker.Web.Pages.Articles.DetailsModel.UpdateTag(tag.Id, tag.Stamp, Note: "second's note"));

        await Assert.ThrowsAsync<ConflictException>(() => factory.SendAsAsync(first, new History.Undo()));
        Assert.True(await factory.WithDbAsync(db => db.Annotations.AnyAsync(a => a.Id == tag.Id)));
    }

    [Fact]
    public async Task Merging_actors_keeps_every_mention_and_undo_splits_them_again()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var putin = await factory.SendAsAsync(editor, TagActor(id, text, "Vladimir Putin", "Vladimir Putin " + Guid.NewGuid().ToString("N")[..6]));
        var alias = await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.IndexModel.Create(new Actors.NewActor("Putin V. " + Guid.NewGuid().ToString("N")[..6], ActorKind.Person)));
        var start = text.IndexOf("Putin", StringComparison.Ordinal);
        var second = await factory.SendAsAsync(editor, new Tags.Create(id, null, AnnotationKind.ActorMention, start, start + 5, "Putin", ActorId: alias.Id));

        await factory.SendAsAsync(editor, new NewsTracker.Web.Pages.Actors.DetailsModel.MergeInto(alias.Id, putin.ActorId!.Value));

        var (mentions, merged) = await factory.WithDbAsync(async db => (
            await db.Annotations.Where(a => a.ArticleId == id).Select(a => a.ActorId).ToListAsync(),
            await db.Actors.Include(a => a.Aliases).SingleAsync(a => a.Id == putin.ActorId)));
        Assert.All(mentions, m => Assert.Equal(putin.ActorId, m));
        Assert.Contains(merged.Aliases, a => a.Name.StartsWith("Putin V.", StringComparison.Ordinal));

        await factory.SendAsAsync(editor, new History.Undo());
        Assert.Equal(alias.Id, await factory.WithDbAsync(db => db.Annotations.Where(a => a.Id == second.Id).Select(a => a.ActorId).SingleAsync()));
        Assert.Null(await factory.WithDbAsync(db => db.Actors.Where(a => a.Id == alias.Id).Select(a => a.MergedIntoId).SingleAsync()));
    }

    [Fact]
    public async Task A_new_version_moves_tags_and_orphans_what_was_deleted()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var title = "Reanchor test " + Guid.NewGuid().ToString("N");
        var url = $"https://example.org/{Guid.NewGuid():N}";
        var first = await factory.SendAsync(new IngestArticle.Command { Text = title + "\n\n" + Text, Url = url, Origin = "test" });
        var text = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == first.ArticleId).Select(v => v.PlainText).SingleAsync());
        var nato = await factory.SendAsAsync(editor, TagActor(first.ArticleId, text, "NATO", "NATO", ActorKind.Organisation));
        var kyiv = await factory.SendAsAsync(editor, TagActor(first.ArticleId, text, "Kyiv insists on membership.", "Kyiv", ActorKind.Other));

        var edited = "A new opening paragraph was added by the desk.\n\nVladimir Putin rejected the plan, according to reports, while NATO officials said talks would continue.";
        var second = await factory.SendAsync(new IngestArticle.Command { Text = title + "\n\n" + edited, Url = url, Origin = "test" });

        Assert.Equal(IngestArticle.Outcome.NewVersion, second.Outcome);
        var tags = await factory.WithDbAsync(db => db.Annotations.Where(a => a.ArticleId == first.ArticleId).ToDictionaryAsync(a => a.Id));
        var newText = await factory.WithDbAsync(db => db.ArticleVersions.Where(v => v.ArticleId == first.ArticleId && v.Number == 2).Select(v => v.PlainText).SingleAsync());
        Assert.False(tags[nato.Id].IsOrphaned);
        Assert.Equal("NATO", newText[tags[nato.Id].Start..tags[nato.Id].End]);
        Assert.True(tags[kyiv.Id].IsOrphaned);
        Assert.False(string.IsNullOrEmpty(tags[kyiv.Id].OrphanReason));

        // Re-anchoring is the system's work: the editor's undo still takes back their own last change.
        var undone = await factory.SendAsAsync(editor, new History.Undo());
        Assert.Contains("Kyiv", undone.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_publishes_a_claim_with_a_verdict_and_a_rejection_needs_a_comment()
    {
        var editor = await factory.CreateEditorAsync(Roles.Editor);
        var (id, text) = await NewArticleAsync();
        var start = text.IndexOf("according to reports", StringComparison.Ordinal);
        var source = await factory.SendAsAsync(editor, new Tags.Create(id, null, AnnotationKind.Source, start, start + 20, NewSource: new Sources.NewSource(SourceKind.UnspecifiedReports, "according to reports")));
        var claimStart = text.IndexOf("Vladimir Putin rejected the plan", StringComparison.Ordinal);
        var claim = await factory.SendAsAsync(editor, new Tags.Create(id, null, AnnotationKind.Claim, claimStart, claimStart + 32,
            NewClaim: new Claims.NewClaim("Putin rejected the plan", SourceIds: [source.SourceId!.Value])));

        await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor, new Claims.Review(claim.ClaimId!.Value, null, Claims.ReviewAction.Reject)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => factory.SendAsAsync(editor, new Claims.Review(claim.ClaimId!.Value, null, Claims.ReviewAction.Publish, "no-such-verdict")));
        var published = await factory.SendAsAsync(editor, new Claims.Review(claim.ClaimId!.Value, null, Claims.ReviewAction.Publish, "unproven", "Only reports so far."));

        Assert.Equal(ReviewState.Published, published.State);
        Assert.Equal("unproven", published.Verdict);
        var stored = await factory.WithDbAsync(db => db.Claims.Include(c => c.Sources).SingleAsync(c => c.Id == claim.ClaimId));
        Assert.NotNull(stored.PublishedUtc);
        Assert.Equal([source.SourceId!.Value], stored.Sources.Select(s => s.SourceId));
    }
}
