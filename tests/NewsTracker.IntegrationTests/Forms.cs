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

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlFormElement form, string pageUrl, Dictionary<string, string> values, bool includeAntiforgery = true)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name)))
        {
            if (input.Name == "__RequestVerificationToken" && !includeAntiforgery)
            {
                continue;
            }

            if ((input.Type is "checkbox" or "radio") && !input.IsChecked)
            {
                continue;
            }

            if (!values.ContainsKey(input.Name!))
            {
                fields.Add(new(input.Name!, input.Value));
            }
        }

        foreach (var area in form.Elements.OfType<IHtmlTextAreaElement>().Where(t => !string.IsNullOrEmpty(t.Name) && !values.ContainsKey(t.Name!)))
        {
            fields.Add(new(area.Name!, area.Value));
        }

        fields.AddRange(values);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!;
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(action, content);
    }
}
