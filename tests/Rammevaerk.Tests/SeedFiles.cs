namespace Rammevaerk.Tests;

/// <summary>
/// The real minutes in shared/seeds, found by walking up from the test binaries: the repository is
/// checked out next to shared/ both locally (/work/main beside /work/shared) and in CI.
/// </summary>
public static class SeedFiles
{
    public static string Directory { get; } = FindSeedDirectory();

    /// <summary>Reads the seed whose file name starts with <paramref name="prefix"/> ("000", "001").</summary>
    public static string Read(string prefix)
    {
        var matches = System.IO.Directory.GetFiles(Directory, prefix + "_*.txt");
        if (matches.Length != 1)
            throw new FileNotFoundException($"Expected exactly one seed '{prefix}_*.txt' in {Directory}, found {matches.Length}.");
        return File.ReadAllText(matches[0]);
    }

    private static string FindSeedDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "seeds");
            if (System.IO.Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException($"No shared/seeds directory above {AppContext.BaseDirectory}.");
    }
}
