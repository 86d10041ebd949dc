using System.Globalization;
using System.Text;

namespace NewsTracker.Web.Annotations;

/// <summary>Where a span may begin or end without cutting a character or, when it can be avoided, a word.</summary>
internal static class TextBoundaries
{
    private const char ZeroWidthJoiner = '\u200D';

    /// <summary>True when <paramref name="index"/> falls between the two halves of a surrogate pair.</summary>
    public static bool SplitsSurrogatePair(string text, int index) =>
        index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) && char.IsLowSurrogate(text[index]);

    /// <summary>True when the code point at <paramref name="index"/> belongs to the character before it: the second
    /// half of a surrogate pair, a combining mark, a variation selector, an emoji modifier, a joiner or what a
    /// joiner glues on. An approximation of grapheme clusters that needs no look-back beyond one code point, so it
    /// can be asked at any offset.</summary>
    public static bool ContinuesCharacter(string text, int index)
    {
        if (index <= 0 || index >= text.Length)
        {
            return false;
        }

        if (SplitsSurrogatePair(text, index) || text[index - 1] == ZeroWidthJoiner)
        {
            return true;
        }

        if (char.IsLowSurrogate(text[index]))
        {
            // A lone low surrogate is broken text; it cannot join anything.
            return false;
        }

        var rune = Rune.GetRuneAt(text, index);
        if (rune.Value == ZeroWidthJoiner || IsEmojiModifier(rune.Value))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark;
    }

    /// <summary>Moves <paramref name="index"/> forward until it starts a whole character (never past <paramref name="limit"/>).</summary>
    public static int ForwardToCharacterStart(string text, int index, int limit)
    {
        while (index < limit && ContinuesCharacter(text, index))
        {
            index++;
        }

        return index;
    }

    /// <summary>Moves <paramref name="index"/> back until it starts a whole character (never before <paramref name="limit"/>).</summary>
    public static int BackToCharacterStart(string text, int index, int limit)
    {
        while (index > limit && ContinuesCharacter(text, index))
        {
            index--;
        }

        return index;
    }

    /// <summary>A letter, digit or anything astral (mostly letters of other scripts and emoji): what a word is made of.</summary>
    public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || char.IsSurrogate(c) || c is '\'' or '’';

    /// <summary>True when <paramref name="index"/> is inside a word: word characters on both sides.</summary>
    public static bool InsideWord(string text, int index) =>
        index > 0 && index < text.Length && IsWordChar(text[index - 1]) && IsWordChar(text[index]);

    // Fitzpatrick skin-tone modifiers attach to the emoji before them.
    private static bool IsEmojiModifier(int codePoint) => codePoint is >= 0x1F3FB and <= 0x1F3FF;
}
