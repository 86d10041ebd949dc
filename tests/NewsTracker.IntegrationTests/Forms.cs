using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace NewsTracker.IntegrationTests;

/// <summary>Real form posts: fetch the page, read the form (hidden antiforgery token included) with
/// AngleSharp, fill fields, post it back as a browser would.</summary>
public static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync().ContinueWith(t => Parser.ParseDocument(t.Result), TaskScheduler.Default);

    /// <summary>Loads <paramref name="url"/>, fills the form matched by <paramref name="formSelector"/> and submits it.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string> values, string formSelector = "main form", bool includeAntiforgery = true)
    {
        var document = await GetDocumentAsync(client, url);
        var form = document.QuerySelector(formSelector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{formSelector}' on {url}.");
        return await PostFormAsync(client, form, url, values, includeAntiforgery);
    }

    /// <summary>Posts a form as a browser would: its inputs, textareas and selects (the selected option, or the
    /// first), with <paramref name="values"/> in place of theirs; without the antiforgery token if asked.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlFormElement form, string pageUrl, Dictionary<string, string> values, bool includeAntiforgery = true)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var (name, value) = element switch
            {
                IHtmlInputElement input when input.Type is "checkbox" or "radio" => input.IsChecked ? (input.Name, input.Value) : (null, null),
                IHtmlInputElement input => (input.Name, input.Value),
                IHtmlTextAreaElement area => (area.Name, area.Value),
                IHtmlSelectElement select => (select.Name, select.SelectedOptions.Length > 0 ? select.SelectedOptions[0].Value : select.Options.Length > 0 ? select.Options[0]?.Value : string.Empty),
                _ => (null, null),
            };
            if (!string.IsNullOrEmpty(name) && !values.ContainsKey(name) && (includeAntiforgery || name != "__RequestVerificationToken"))
            {
                fields.Add(new(name, value ?? string.Empty));
            }
        }

        fields.AddRange(values);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }
}
