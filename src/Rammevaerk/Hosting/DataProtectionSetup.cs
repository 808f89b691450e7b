using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Rammevaerk.Data;

namespace Rammevaerk.Hosting;

/// <summary>
/// The data-protection keys (which sign the login cookie, antiforgery tokens and e-mail links) live in the database,
/// under one application name, so that whatever one node protects every node can read. Outside Development and the
/// tests they are encrypted at rest with the certificate named by <c>DataProtection:CertificatePath</c> (PFX with
/// <c>DataProtection:CertificatePassword</c>, or PEM with <c>DataProtection:KeyPath</c>); earlier certificates in
/// <c>DataProtection:PreviousCertificatePaths</c> still decrypt keys written under them.
/// </summary>
public static class DataProtectionSetup
{
    public const string ApplicationName = "Rammevaerk";
    public const string Section = "DataProtection";

    public static IServiceCollection AddDatabaseKeys(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AppDb>();
        var certificate = LoadCertificate(config, env);
        if (certificate is not null)
        {
            var previous = PreviousPaths(config).Select(p => Load(p, null, config[$"{Section}:CertificatePassword"])).ToArray();
            builder.ProtectKeysWithCertificate(certificate);
            // On Linux the decryptor does not look in a certificate store: it must be given the certificates.
            builder.UnprotectKeysWithAnyCertificate([certificate, .. previous]);
        }
        services.AddHostedService(sp => new StartupNotice(sp.GetRequiredService<ILogger<StartupNotice>>(), certificate));
        return services;
    }

    /// <summary>What is wrong with the data-protection settings; Production needs a certificate.</summary>
    public static IEnumerable<string> Problems(IConfiguration config, IHostEnvironment env)
    {
        string? problem = null;
        X509Certificate2? certificate = null;
        try
        {
            certificate = LoadCertificate(config, env);
            foreach (var p in PreviousPaths(config)) Load(p, null, config[$"{Section}:CertificatePassword"]).Dispose();
        }
        catch (Exception e) when (e is IOException or System.Security.Cryptography.CryptographicException or UnauthorizedAccessException or ArgumentException)
        {
            problem = $"DataProtection: the certificate cannot be read ({e.Message}).";
        }
        if (problem is not null)
        {
            yield return problem;
            yield break;
        }
        if (certificate is null)
        {
            if (SiteOptionsValidator.IsProduction(env))
                yield return $"DataProtection:CertificatePath is required in {env.EnvironmentName}: the data-protection keys in the database are encrypted with it (PFX, or PEM with DataProtection:KeyPath).";
            yield break;
        }
        if (!certificate.HasPrivateKey) yield return "DataProtection: the certificate has no private key; the keys could not be decrypted.";
        // Checked before the container (and its TimeProvider) exists, so the system clock is asked directly.
        else if (certificate.NotAfter < TimeProvider.System.GetLocalNow().LocalDateTime) yield return $"DataProtection: the certificate expired on {certificate.NotAfter:yyyy-MM-dd}.";
        certificate.Dispose();
    }

    private static X509Certificate2? LoadCertificate(IConfiguration config, IHostEnvironment env)
    {
        var path = config[$"{Section}:CertificatePath"];
        if (string.IsNullOrWhiteSpace(path)) return null;
        return Load(Path.GetFullPath(path, env.ContentRootPath), config[$"{Section}:KeyPath"] is { Length: > 0 } k ? Path.GetFullPath(k, env.ContentRootPath) : null,
            config[$"{Section}:CertificatePassword"]);
    }

    private static IEnumerable<string> PreviousPaths(IConfiguration config) =>
        (config[$"{Section}:PreviousCertificatePaths"] ?? "").Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static X509Certificate2 Load(string path, string? keyPath, string? password)
    {
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPemFile(path, keyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        }
        return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
    }

    /// <summary>Says at start-up where the keys are and whether they are encrypted.</summary>
    private sealed class StartupNotice(ILogger<StartupNotice> log, X509Certificate2? certificate) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (certificate is null)
                log.LogWarning("Data-protection keys are kept in the database UNENCRYPTED (no DataProtection:CertificatePath; allowed in Development and tests only).");
            else
                log.LogInformation("Data-protection keys are kept in the database, encrypted with certificate {Thumbprint} ({Subject}).", certificate.Thumbprint, certificate.Subject);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
