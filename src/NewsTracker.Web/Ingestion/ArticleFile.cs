using NewsTracker.Web.Application;
using NewsTracker.Web.Ingestion.Fetching;

namespace NewsTracker.Web.Ingestion;

/// <summary>Reads an uploaded or imported file (.html, .htm, .txt) into text for
/// <see cref="IngestArticle"/>, refusing what is not an article file with a sentence saying why.</summary>
public static class ArticleFile
{
    /// <summary>The largest file accepted (15 MiB, the fetch limit).</summary>
    public const int MaxBytes = IngestArticle.MaxContentLength;

    /// <summary>More replacement characters than this share of the text means the bytes were not text.</summary>
    private const double MaxUndecodableShare = 0.01;

    public static readonly IReadOnlyList<string> Extensions = [".html", ".htm", ".txt"];

    /// <summary>True when the name ends in an accepted extension.</summary>
    public static bool IsSupported(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName).ToLowerInvariant());

    /// <summary>Decodes <paramref name="bytes"/> and returns the command for it (HTML or text by extension).</summary>
    /// <exception cref="ValidationFailedException">Empty, too large, binary, not decodable, or an unsupported type.</exception>
    public static IngestArticle.Command ToCommand(string fileName, ReadOnlySpan<byte> bytes, string origin)
    {
        var name = Path.GetFileName(fileName);
        if (!IsSupported(name))
        {
            throw Refuse($"{name}: only .html, .htm and .txt files can be imported.");
        }

        if (bytes.Length > MaxBytes)
        {
            throw Refuse($"{name} is {bytes.Length / 1024 / 1024} MiB; the limit is {MaxBytes / 1024 / 1024} MiB a file.");
        }

        if (bytes.IsEmpty)
        {
            throw Refuse($"{name} is empty.");
        }

        if (bytes.IndexOf((byte)0) >= 0 && !StartsWithUtf16Bom(bytes))
        {
            throw Refuse($"{name} looks like a binary file, not a web page or text.");
        }

        var (text, _) = ResponseTextDecoder.Decode(bytes, contentTypeCharset: null);
        var undecodable = text.AsSpan().Count('\uFFFD');
        if (undecodable > Math.Max(3, text.Length * MaxUndecodableShare))
        {
            throw Refuse($"{name} is not readable text: save it as UTF-8 (or declare its encoding in the page) and try again.");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refuse($"{name} has no text in it.");
        }

        var isText = Path.GetExtension(name).Equals(".txt", StringComparison.OrdinalIgnoreCase);
        return isText
            ? new IngestArticle.Command { Text = text, Origin = origin }
            : new IngestArticle.Command { Html = text, Origin = origin };
    }

    private static bool StartsWithUtf16Bom(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF));

    private static ValidationFailedException Refuse(string message) => new("File", message);
}
