using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NewsTracker.Web.Ingestion;

/// <summary>Small text operations ingestion needs in several places: folding, slugs, hashes.</summary>
public static class TextTools
{
    /// <summary>Collapses runs of whitespace to one space and trims.</summary>
    public static string FoldWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Cuts <paramref name="text"/> to at most <paramref name="maxLength"/> characters at a word
    /// boundary, adding an ellipsis when it cut.</summary>
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', Math.Max(0, maxLength - 1));
        if (cut < maxLength / 2)
        {
            cut = maxLength - 1;
        }

        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut).TrimEnd(" ,;:-".ToCharArray()), "…");
    }

    /// <summary>A URL-safe lower-case ASCII slug of at most <paramref name="maxLength"/> characters.</summary>
    public static string Slugify(string text, int maxLength = 80)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(Math.Min(decomposed.Length, maxLength + 1));
        var dash = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(c);
                dash = false;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (c is '\'' or '’')
            {
                continue;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }

            if (builder.Length >= maxLength)
            {
                break;
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length == maxLength || slug.Length > maxLength)
        {
            var lastDash = slug.LastIndexOf('-');
            slug = lastDash > maxLength / 2 ? slug[..lastDash] : slug;
        }

        return slug.Length == 0 ? "article" : slug;
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 bytes.</summary>
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
