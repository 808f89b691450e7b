using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Rammevaerk.Meetings.Publication;

/// <summary>A link in a text that readers outside the secretariat's network cannot open.</summary>
public readonly record struct NonPublicLink(int Index, int Length, string Address, string Why);

/// <summary>
/// Finds links to addresses the public cannot reach: <c>file:</c> and network-drive paths, localhost, private
/// networks (10.x, 172.16–31.x, 192.168.x, link-local, IPv6 unique local) and intranet host names without a dot
/// ("http://intranet/…", "https://sharepoint/…") or with a local suffix (.local, .lan, .internal, .corp).
/// Relative links and ordinary public addresses are fine. Pure.
/// </summary>
public static partial class NonPublicLinks
{
    private static readonly string[] LocalSuffixes = [".local", ".lan", ".internal", ".intranet", ".intra", ".corp", ".home", ".localdomain", ".private", ".localhost"];

    public static IEnumerable<NonPublicLink> Find(string? text)
    {
        if (string.IsNullOrEmpty(text)) yield break;
        var seen = new HashSet<int>();
        foreach (Match m in Candidates().Matches(text))
        {
            var group = m.Groups["url"];
            if (!seen.Add(group.Index)) continue;
            var address = group.Value.TrimEnd('.', ',', ';', ':', '!', '?', '"', '\'');
            if (Why(address) is { } why) yield return new NonPublicLink(group.Index, address.Length, address, why);
        }
    }

    /// <summary>Why <paramref name="address"/> is not public, in Danish, or null when it is (or is relative).</summary>
    public static string? Why(string address)
    {
        if (address.StartsWith(@"\\", StringComparison.Ordinal)) return "en sti på et netværksdrev";
        if (address.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return "en fil-adresse (file:) på en lokal computer eller et netværksdrev";
        if (address.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) address = "http://" + address;
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ftp")) return null;
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (host.Length == 0) return null;
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal)) return "localhost (den lokale computer)";
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip)) return IsPrivate(ip) ? "en adresse på et privat netværk" : null;
        if (!host.Contains('.')) return $"et internt værtsnavn uden punktum (\"{host}\")";
        return LocalSuffixes.FirstOrDefault(s => host.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? $"et internt domæne ({suffix})"
            : null;
    }

    private static bool IsPrivate(IPAddress ip)
    {
        if (IPAddress.IsLoopback(ip)) return true;
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (ip.IsIPv4MappedToIPv6) return IsPrivate(ip.MapToIPv4());
            var b = ip.GetAddressBytes();
            return ip.IsIPv6LinkLocal || ip.IsIPv6SiteLocal || (b[0] & 0xFE) == 0xFC || ip.Equals(IPAddress.IPv6None);
        }
        var a = ip.GetAddressBytes();
        return a[0] == 10 || a[0] == 0
            || (a[0] == 172 && a[1] >= 16 && a[1] <= 31)
            || (a[0] == 192 && a[1] == 168)
            || (a[0] == 169 && a[1] == 254)
            || (a[0] == 100 && a[1] >= 64 && a[1] <= 127);
    }

    // Markdown link destinations, <autolinks>, bare http(s)/ftp/file addresses, www. addresses and \\server\share paths.
    [GeneratedRegex(
        @"\]\(\s*<?(?<url>[^)\s>]+)|<(?<url>[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]+)>|(?<![\w/@.])(?<url>(?:https?|ftp|file)://[^\s<>()\[\]""]+|file:[^\s<>()\[\]""]+|www\.[^\s<>()\[\]""]+|\\\\[A-Za-z0-9_.$-]+\\[^\s<>""]*)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Candidates();
}
