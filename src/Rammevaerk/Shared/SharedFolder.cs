namespace Rammevaerk.Shared;

/// <summary>
/// Finds the project's shared reference folder (seeds, municipalities.csv): <c>Rammevaerk:SharedPath</c> if set,
/// otherwise the first <c>shared/</c> beside the working directory, the content root or the binaries, or above them.
/// </summary>
public static class SharedFolder
{
    public static string? Locate(IConfiguration config, string contentRoot)
    {
        var configured = Hosting.SiteOptions.Of(config).SharedPath;
        if (!string.IsNullOrWhiteSpace(configured)) return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared");
                if (Directory.Exists(Path.Combine(candidate, "seeds"))) return candidate;
            }
        }
        return null;
    }
}
