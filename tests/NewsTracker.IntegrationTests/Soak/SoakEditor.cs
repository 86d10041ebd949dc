using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using NewsTracker.IntegrationTests.Api;

namespace NewsTracker.IntegrationTests.Soak;

/// <summary>
/// One simulated editor, signed in with a browser (pages, antiforgery, cookies) and holding an API token. In a
/// loop it edits the contested actors and claim with the stamp it read (a read-increment-write of a counter, so
/// a lost update would show as a counter written twice), tags its own articles through the Web Annotation API
/// (adding a new article through the API when it runs out of sentences), and races the other editors to tag the
/// same sentence of a shared article.
/// </summary>
public sealed class SoakEditor(int number, HttpClient browser, HttpClient api, SoakBoard board, SoakTally tally)
{
    private int _ownArticle;
    private int _ownSentence = SoakBoard.Sentences;
    private int _articlesMade;
    private int _raceRound;

    public async Task RunAsync(CancellationToken stop)
    {
        for (var step = 0; !stop.IsCancellationRequested; step++)
        {
            switch (step % 5)
            {
                case 0:
                    await EditActorAsync(board.ContestedActors[(number + step) % board.ContestedActors.Count]);
                    break;
                case 2:
                    await EditClaimAsync();
                    break;
                case 3:
                    await RaceTagAsync();
                    break;
                default:
                    await TagOwnArticleAsync();
                    break;
            }
        }
    }

    private Task EditActorAsync(int id) => EditAsync(
        "actor-edit", $"/actors/{id}", "Form.Description", SoakBoard.ActorRow(id), SoakBoard.ActorCounter);

    private Task EditClaimAsync() => EditAsync(
        "claim-edit", $"/claims/{board.ContestedClaim}", "Form.Statement", SoakBoard.ClaimRow(board.ContestedClaim), SoakBoard.ClaimCounter);

    /// <summary>Opens the page, reads the counter and the stamp from its edit form, and posts the counter plus one.</summary>
    private async Task EditAsync(string operation, string url, string field, string row, Func<int, string> write)
    {
        using var page = await browser.GetAsync(url);
        await tally.RecordAsync(operation + "-read", page);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return;
        }

        var document = await Forms.ParseAsync(page);
        var form = (IHtmlFormElement)document.QuerySelector("form[action*='handler=Edit']")!;
        var current = form.Elements.OfType<IHtmlElement>().Single(e => e.GetAttribute("name") == field) switch
        {
            IHtmlInputElement input => input.Value,
            IHtmlTextAreaElement area => area.Value,
            var other => other.TextContent,
        };
        var counter = SoakBoard.ReadCounter(current) + 1;
        using var posted = await Forms.PostFormAsync(browser, form, url, new() { [field] = write(counter) });
        await tally.RecordAsync(operation, posted);
        if (posted.StatusCode == HttpStatusCode.Redirect)
        {
            board.Edits.Enqueue((row, counter));
        }
    }

    private async Task TagOwnArticleAsync()
    {
        if (_ownSentence == SoakBoard.Sentences)
        {
            var title = string.Create(CultureInfo.InvariantCulture, $"Soak article by editor {number}, number {_articlesMade}");
            using var created = await api.PostAsJsonAsync("/api/v1/articles", new { text = SoakBoard.ArticleText(title, (number * 100_000) + (_articlesMade * SoakBoard.Sentences)) });
            await tally.RecordAsync("article-create", created);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                return;
            }

            _ownArticle = (await created.JsonAsync()).GetProperty("id").GetInt32();
            _articlesMade++;
            _ownSentence = 0;
        }

        await TagAsync("annotation-create", _ownArticle, _ownSentence++);
    }

    private async Task RaceTagAsync()
    {
        var round = _raceRound++;
        await TagAsync("annotation-race", await board.RaceArticleAsync(round), round % SoakBoard.Sentences);
    }

    /// <summary>Tags the name in <paramref name="sentence"/> as an actor through the W3C Web Annotation API.</summary>
    private async Task TagAsync(string operation, int articleId, int sentence)
    {
        var name = SoakBoard.Name(sentence);
        var start = await board.NameStartAsync(articleId, sentence);
        var annotation = new Dictionary<string, object>
        {
            ["@context"] = "http://www.w3.org/ns/anno.jsonld",
            ["type"] = "Annotation",
            ["motivation"] = "tagging",
            ["body"] = new object[]
            {
                new { type = "TextualBody", purpose = "tagging", value = "actor" },
                new { type = "TextualBody", purpose = "describing", value = name },
            },
            ["nt:actorKind"] = "person",
            ["target"] = new
            {
                selector = new object[]
                {
                    new { type = "TextQuoteSelector", exact = name, prefix = SoakBoard.Prefix(sentence) },
                    new { type = "TextPositionSelector", start, end = start + name.Length },
                },
            },
        };
        using var response = await api.PostJsonLdAsync($"/api/v1/articles/{articleId}/annotations", JsonSerializer.Serialize(annotation));
        await tally.RecordAsync(operation, response);
        if (response.StatusCode == HttpStatusCode.Created)
        {
            board.Tags.Enqueue((articleId, sentence));
        }
    }
}
