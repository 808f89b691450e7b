using System.Globalization;
using System.Text;

namespace Rammevaerk.Bodies;

/// <summary>URL segments made from Danish names: "Økonomisk arbejdsgruppe" → "oekonomisk-arbejdsgruppe".</summary>
public static class Slug
{
    /// <summary>Longest slug <see cref="From"/> returns, leaving room for a "-N" suffix within the column's 100.</summary>
    public const int MaxLength = 90;

    /// <summary>
    /// Lowercase, æ → ae, ø → oe, å → aa, other accents dropped (é → e), everything that is not a–z or 0–9
    /// becomes '-', runs of dashes collapse, and dashes are trimmed from both ends. Empty when nothing is left.
    /// </summary>
    public static string From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var text = name.ToLowerInvariant()
            .Replace("æ", "ae", StringComparison.Ordinal)
            .Replace("ø", "oe", StringComparison.Ordinal)
            .Replace("å", "aa", StringComparison.Ordinal)
            .Normalize(NormalizationForm.FormD);

        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9') slug.Append(c);
            else if (slug.Length > 0 && slug[^1] != '-') slug.Append('-');
        }
        var result = slug.ToString().TrimEnd('-');
        if (result.Length > MaxLength) result = result[..MaxLength].TrimEnd('-');
        return result;
    }

    /// <summary>
    /// <paramref name="slug"/> itself if it is not taken, otherwise the first free of slug-2, slug-3, …
    /// An empty slug becomes <paramref name="fallback"/>.
    /// </summary>
    public static string Unique(string slug, IEnumerable<string> taken, string fallback = "udvalg")
    {
        if (slug.Length == 0) slug = fallback;
        var set = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        if (!set.Contains(slug)) return slug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{slug}-{n}";
            if (!set.Contains(candidate)) return candidate;
        }
    }
}
