using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace NewsTracker.Web.Application;

/// <summary>The one rule for text coming in, by any way (pages, API, JSONL import, command line): no control
/// characters other than tab and line breaks, no U+FFFE/U+FFFF and no half of a surrogate pair. Such characters
/// cannot be written to XML (the Atom feed, OPML) and mean nothing in a title or a name, so they are refused before
/// anything is stored, with the field and position named.</summary>
public static class PlainTextRule
{
    /// <summary>The index of the first character text may not hold, or -1.</summary>
    public static int FindForbidden(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ' ? c is not ('\t' or '\n' or '\r') : c is '\uFFFE' or '\uFFFF')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>What to tell the person who sent <paramref name="text"/>, or null when it is fine.</summary>
    public static string? Problem(string text)
    {
        var at = FindForbidden(text);
        if (at < 0)
        {
            return null;
        }

        // Text never holds NUL; a file that does is binary, whatever other control characters come first.
        if (text.IndexOf('\0', at) is var nul and >= 0)
        {
            return $"This contains a NUL character at character {nul + 1}: it looks like a binary file, not text. Send the text or the page itself.";
        }

        var what = char.IsSurrogate(text[at])
            ? "half of an emoji or other character that takes two code units (a lone surrogate)"
            : $"an invisible control character (U+{(int)text[at]:X4})";
        return $"This contains {what} at character {at + 1}. Remove it and send the text again.";
    }
}

/// <summary>Applies <see cref="PlainTextRule"/> to every text a command carries: its string properties, lists of
/// strings, nested records and JSON. Registered for every request type, so a new command is covered without doing
/// anything. Commands are the requests that implement <see cref="ICommand{TResponse}"/>, and those named
/// <c>Command</c> that prepare outside a transaction first (ingestion); queries only read, and a search for odd
/// characters gets an answer, not a refusal.</summary>
public sealed class PlainTextValidator<TRequest> : AbstractValidator<TRequest>
{
    private const int MaxDepth = 6;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    private static readonly bool IsCommand =
        typeof(TRequest).Name == "Command" || typeof(TRequest).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>));

    public PlainTextValidator()
    {
        if (IsCommand)
        {
            RuleFor(request => request).Custom((request, context) => Visit(request, string.Empty, 0, context));
        }
    }

    private static void Visit(object? value, string path, int depth, ValidationContext<TRequest> context)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (PlainTextRule.Problem(text) is { } problem)
                {
                    context.AddFailure(new ValidationFailure(path, problem));
                }

                return;
            case JsonElement json:
                VisitJson(json, path, context);
                return;
            case IDictionary or byte[] or Stream:
                return;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items)
                {
                    Visit(item, $"{path}[{index++}]", depth + 1, context);
                }

                return;
        }

        if (depth >= MaxDepth || !IsOurs(value.GetType()))
        {
            return;
        }

        foreach (var property in Properties.GetOrAdd(value.GetType(), ReadableProperties))
        {
            Visit(property.GetValue(value), path.Length == 0 ? property.Name : $"{path}.{property.Name}", depth + 1, context);
        }
    }

    private static void VisitJson(JsonElement json, string path, ValidationContext<TRequest> context)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.String when json.GetString() is { } text && PlainTextRule.Problem(text) is { } problem:
                context.AddFailure(new ValidationFailure(path, problem));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in json.EnumerateArray())
                {
                    VisitJson(item, $"{path}[{index++}]", context);
                }

                break;
            case JsonValueKind.Object:
                foreach (var property in json.EnumerateObject())
                {
                    VisitJson(property.Value, $"{path}.{property.Name}", context);
                }

                break;
        }
    }

    /// <summary>Only the application's own types are walked: framework types (a principal, a file) hold no input text.</summary>
    private static bool IsOurs(Type type) => type.Assembly == typeof(PlainTextRule).Assembly && !type.IsEnum && !type.IsPrimitive;

    private static PropertyInfo[] ReadableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic && p.DeclaringType != typeof(object))
            .Where(p => p.PropertyType == typeof(string) || p.PropertyType == typeof(JsonElement) || p.PropertyType == typeof(JsonElement?) || !p.PropertyType.IsValueType)
            .ToArray();
}
