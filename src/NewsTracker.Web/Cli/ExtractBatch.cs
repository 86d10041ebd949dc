using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MediatR;
using NewsTracker.Web.Application;
using NewsTracker.Web.Ingestion;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Cli;

/// <summary>
/// <c>extract --batch</c>: reads <c>PATH&lt;TAB&gt;URL</c> lines, sends each file's HTML through the same
/// <see cref="ExtractArticle.Query"/> as <c>POST /api/v1/extract</c> (nothing stored) and writes one JSON
/// object per line, in input order. A line that fails writes <c>{"path", "error"}</c> and the batch goes on.
/// </summary>
public sealed class ExtractBatch(IServiceProvider services)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // Kinds as names ("Paragraph"), as the API writes them; one object per line, so no indentation.
        // Relaxed escaping keeps apostrophes and non-Latin text readable: this JSON goes to tools, never into HTML.
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Returns the number of lines that failed.</summary>
    public async Task<int> RunAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        var failed = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (path, url) = Split(line.TrimEnd('\r'));
            var (result, error) = await ExtractAsync(path, url, cancellationToken);
            if (error is not null)
            {
                failed++;
                result = new JsonObject { ["path"] = path, ["error"] = error };
            }

            await output.WriteLineAsync(result!.ToJsonString(JsonOptions));
        }

        await output.FlushAsync(cancellationToken);
        return failed;
    }

    private static (string Path, string? Url) Split(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            return (line.Trim(), null);
        }

        var url = line[(tab + 1)..].Trim();
        return (line[..tab].Trim(), url.Length == 0 ? null : url);
    }

    /// <summary>The extraction as JSON, or the reason there is none.</summary>
    private async Task<(JsonObject? Json, string? Error)> ExtractAsync(string path, string? url, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return (null, ex is FileNotFoundException or DirectoryNotFoundException
                ? $"No file at {path}."
                : $"The file could not be read: {ex.Message}");
        }

        // A saved page says its own encoding (BOM or <meta charset>); there is no HTTP header to go by.
        var (html, _) = ResponseTextDecoder.Decode(bytes, contentTypeCharset: null);
        await using var scope = services.CreateAsyncScope();
        ExtractArticle.Extraction extraction;
        try
        {
            extraction = await scope.ServiceProvider.GetRequiredService<IMediator>()
                .Send(new ExtractArticle.Query { Html = html, Url = url }, cancellationToken);
        }
        catch (ValidationFailedException ex)
        {
            return (null, string.Join(" ", ex.Errors.SelectMany(e => e.Value)));
        }

        var json = JsonSerializer.SerializeToNode(extraction, JsonOptions)!.AsObject();
        json.Insert(0, "path", path);
        return (json, null);
    }
}
