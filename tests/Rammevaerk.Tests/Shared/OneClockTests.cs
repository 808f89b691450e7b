using System.Text.RegularExpressions;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Shared;

public sealed class OneClockTests
{
    [Fact]
    public void The_app_asks_the_one_clock_for_the_time()
    {
        // Tests set the time by replacing TimeProvider; a direct read of the system clock escapes them.
        var direct = new Regex(@"\bDateTime(Offset)?\.(UtcNow|Now|Today)\b");
        var offenders = SourceTree.Files("*.cs", "*.cshtml")
            .SelectMany(f => File.ReadLines(f).Select((line, n) => (f, line, n)))
            .Where(x => direct.IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.n + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }
}
