using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsTracker.Web.Accounts;
using NewsTracker.Web.Application;
using NewsTracker.Web.Domain;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Pages.Account;
using NewsTracker.Web.Tagging;

namespace NewsTracker.IntegrationTests.Api;

/// <summary>An account with an API token: <see cref="Editor"/> for sending commands as it, <see cref="Client"/> for
/// calling the API with its bearer token.</summary>
internal sealed record ApiAccount(Editor Editor, HttpClient Client, int TokenId);

/// <summary>What the annotation and claim API tests share: accounts with tokens, articles, JSON-LD requests.</summary>
internal static class TaggingApi
{
    public const string JsonLd = "application/ld+json";

    /// <summary>A new account with <paramref name="role"/> ("" for a reader) and a client sending its token.</summary>
    public static async Task<ApiAccount> AccountAsync(this NewsTrackerFactory factory, string role)
    {
        var editor = await factory.CreateEditorAsync(role);
        var token = await factory.SendAsync(new CreateApiToken.Command(editor.UserName!, "tests"));
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return new ApiAccount(editor, client, token.Id);
    }

    /// <summary>A client whose token was revoked after it was issued.</summary>
    public static async Task<HttpClient> RevokedClientAsync(this NewsTrackerFactory factory, string role)
    {
        var account = await factory.AccountAsync(role);
        await factory.SendAsync(new ManageModel.Revoke(account.Editor.UserId!, account.TokenId));
        return account.Client;
    }

    /// <summary>A client calling as <paramref name="caller"/>: "none", "garbage" (a made-up token), "revoked",
    /// "cookie" (a signed-in editor without a token), "reader" (a token without a role), or a role's token.</summary>
    public static async Task<HttpClient> ClientAsync(this NewsTrackerFactory factory, string caller)
    {
        switch (caller)
        {
            case "none":
                return factory.CreateClient();
            case "garbage":
                var client = factory.CreateClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "nt_" + new string('x', 43));
                return client;
            case "revoked":
                return await factory.RevokedClientAsync(Roles.Editor);
            case "cookie":
                return await factory.SignedInClientAsync(Roles.Editor);
            case "reader":
                return (await factory.AccountAsync(string.Empty)).Client;
            default:
                return (await factory.AccountAsync(caller)).Client;
        }
    }

    /// <summary>A new article with <paramref name="body"/> under a unique title; its newest plain text.</summary>
    public static async Task<(int Id, string Text)> ArticleAsync(this NewsTrackerFactory factory, string body)
    {
        var result = await factory.SendAsync(new IngestArticle.Command { Text = "Annotations API test " + Guid.NewGuid().ToString("N") + "\n\n" + body, Origin = "test" });
        var text = await factory.WithDbAsync(db => db.ArticleVersions
            .Where(v => v.ArticleId == result.ArticleId && v.Number == result.Version).Select(v => v.PlainText).SingleAsync());
        return (result.ArticleId, text);
    }

    public static Task<int> AnnotationCountAsync(this NewsTrackerFactory factory, int articleId) =>
        factory.WithDbAsync(db => db.Annotations.CountAsync(a => a.ArticleId == articleId));

    /// <summary>Tag the first <paramref name="quote"/> in <paramref name="text"/> as a (new or existing) actor.</summary>
    public static Tags.Create TagActor(int articleId, string text, string quote, string name, ActorKind kind = ActorKind.Person)
    {
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        return new Tags.Create(articleId, null, AnnotationKind.ActorMention, start, start + quote.Length, quote, NewActor: new Actors.NewActor(name, kind));
    }

    public static Task<HttpResponseMessage> PostJsonLdAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, JsonLd));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    /// <summary>The annotations of a collection's first page, an annotation page, or one annotation.</summary>
    public static IReadOnlyList<JsonElement> Items(JsonElement document) =>
        document.TryGetProperty("first", out var first) ? first.GetProperty("items").EnumerateArray().ToList()
        : document.TryGetProperty("items", out var items) ? items.EnumerateArray().ToList()
        : [document];

    /// <summary>(kind, start, end, exact, target address) of each annotation, for comparing sets of tags.</summary>
    public static IEnumerable<(string Kind, int Start, int End, string Exact, string Target)> Spans(JsonElement document) =>
        Items(document).Select(a =>
        {
            var selectors = a.GetProperty("target").GetProperty("selector").EnumerateArray().ToList();
            var quote = selectors.Single(s => s.GetProperty("type").GetString() == "TextQuoteSelector");
            var position = selectors.Single(s => s.GetProperty("type").GetString() == "TextPositionSelector");
            return (a.GetProperty("nt:kind").GetString()!, position.GetProperty("start").GetInt32(), position.GetProperty("end").GetInt32(),
                quote.GetProperty("exact").GetString()!, a.GetProperty("body")[0].GetProperty("source").GetString()!);
        });

    /// <summary>The field → messages of a 400.</summary>
    public static async Task<Dictionary<string, string[]>> ErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.JsonAsync();
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray(), StringComparer.Ordinal);
    }
}
