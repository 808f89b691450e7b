using System.Globalization;
using System.Text;

namespace Rammevaerk.Shared;

/// <summary>
/// File names as people see them and as they are stored and sent: the last part of the path only, with control and
/// invisible formatting characters removed (a right-to-left override shows "Faktura‮xcod.pdf" as "Fakturafdp.docx"),
/// characters that file systems refuse replaced, and at most <see cref="MaxLength"/> characters with the real
/// extension kept at the end, where it can be seen.
/// </summary>
public static class FileNames
{
    public const int MaxLength = 150;

    private static readonly char[] Refused = ['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

    private static readonly HashSet<string> DeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Clean(string? name)
    {
        var last = (name ?? "").Split('/', '\\').Last();
        var sb = new StringBuilder(last.Length);
        var space = false;
        foreach (var ch in last.Normalize(NormalizationForm.FormC))
        {
            // Line breaks and other white space become one space; other control and format characters go.
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(ch) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                continue;
            }
            if (space && sb.Length > 0) sb.Append(' ');
            space = false;
            sb.Append(Array.IndexOf(Refused, ch) >= 0 ? '_' : ch);
        }
        var cleaned = sb.ToString().Trim().TrimEnd('.', ' ');
        var ext = Path.GetExtension(cleaned);
        if (ext.Length > 16 || ext.Contains(' ')) ext = "";
        var stem = cleaned[..^ext.Length].TrimEnd(' ', '.');
        if (stem.Length + ext.Length > MaxLength) stem = stem[..(MaxLength - ext.Length)].TrimEnd(' ', '.');
        if (stem.Length == 0) stem = "fil";
        if (DeviceNames.Contains(stem)) stem = "_" + stem;
        return stem + ext;
    }
}
