namespace Rammevaerk.Tests.Infrastructure;

/// <summary>The application's source folder (src/Rammevaerk), for tests that hold the code to a project rule.</summary>
public static class SourceTree
{
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "src", "Rammevaerk"))) dir = dir.Parent;
        return Path.Combine(dir!.FullName, "src", "Rammevaerk");
    }

    /// <summary>The hand-written C# and Razor files (no build output, no generated migrations).</summary>
    public static IEnumerable<string> Files(params string[] patterns)
    {
        var sep = Path.DirectorySeparatorChar;
        string[] skipped = [$"{sep}bin{sep}", $"{sep}obj{sep}", $"{sep}Migrations{sep}"];
        return patterns.SelectMany(p => Directory.EnumerateFiles(Root(), p, SearchOption.AllDirectories))
            .Where(f => !skipped.Any(f.Contains));
    }
}
