using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Rammevaerk.OParl;

/// <summary>
/// OParl Locations derived from the meetings' free-text places. Each distinct text is one location; its key is the
/// first 16 hex digits of the SHA-256 of the trimmed text, so it is the same on every database and every run and
/// needs no table. "Byrådssalen, Middelfart Rådhus (Nytorv 9, 5500 Middelfart)" is also split into room, street,
/// postal code and town; any other text is kept as the description only.
/// </summary>
public static partial class MeetingPlaces
{
    public sealed record Place(string Key, string Description, string? Room, string? StreetAddress, string? PostalCode, string? Locality);

    public static string Key(string location)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(location.Trim()));
        return Convert.ToHexStringLower(hash)[..16];
    }

    public static bool IsKey(string text) => text.Length == 16 && text.All(char.IsAsciiHexDigitLower);

    public static Place Parse(string location)
    {
        var text = location.Trim();
        var m = Address().Match(text);
        return m.Success
            ? new Place(Key(text), text, m.Groups["room"].Value.Trim().TrimEnd(','), m.Groups["street"].Value.Trim(), m.Groups["zip"].Value, m.Groups["town"].Value.Trim())
            : new Place(Key(text), text, null, null, null, null);
    }

    /// <summary>"room (street, 1234 town)", the form the seeds and the demo data use.</summary>
    [GeneratedRegex(@"^(?<room>[^()]+?)\s*\((?<street>[^(),]+),\s*(?<zip>\d{4})\s+(?<town>[^()]+)\)$")]
    private static partial Regex Address();
}
