using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Rammevaerk.Hosting;
using Rammevaerk.Tests.Infrastructure;

namespace Rammevaerk.Tests.Hosting;

/// <summary>The start refuses missing or contradictory settings, and names each one.</summary>
public sealed class SettingsTests
{
    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Rammevaerk";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static List<string> Problems(string environment, params (string Key, string Value)[] settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();
        return SiteOptionsValidator.Problems(SiteOptions.Of(config), config, new Env(environment)).ToList();
    }

    internal static string SelfSignedPfx(string folder, string? password = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Rammevaerk data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, $"dp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, cert.Export(X509ContentType.Pfx, password));
        return path;
    }

    [Fact]
    public void Development_needs_nothing_more()
    {
        Assert.Empty(Problems("Development"));
        Assert.Empty(Problems("Testing", ("ConnectionStrings:Default", "Host=db;Database=x")));
    }

    [Fact]
    public void Production_names_each_missing_setting()
    {
        var problems = Problems("Production");
        Assert.Contains(problems, p => p.StartsWith("Rammevaerk:PublicBaseUrl is required in Production"));
        Assert.Contains(problems, p => p.StartsWith("DataProtection:CertificatePath is required in Production"));
        Assert.Contains(problems, p => p.StartsWith("Production on SQLite serves one node only"));
    }

    [Fact]
    public void Contradictory_or_malformed_settings_are_refused()
    {
        var problems = Problems("Development",
            ("Rammevaerk:PublicBaseUrl", "https://a.example.dk"), ("Rammevaerk:PublicUrl", "https://b.example.dk"),
            ("Rammevaerk:Proxies", "127.0.0.1, nginx"), ("Database:Provider", "Sqlite"), ("ConnectionStrings:Default", "Host=db;Database=x"),
            ("Rammevaerk:SharedPath", "/no/such/folder"), ("Rammevaerk:Region", " "),
            ("Rammevaerk:MaxRequestsInProgress", "-1"), ("Rammevaerk:MaxRequestWaitSeconds", "0"));
        Assert.Contains(problems, p => p.Contains("PublicBaseUrl ('https://a.example.dk') and Rammevaerk:PublicUrl ('https://b.example.dk') disagree"));
        Assert.Contains(problems, p => p.Contains("'nginx' is neither an IP address nor a network"));
        Assert.Contains(problems, p => p.Contains("Database:Provider is Sqlite but ConnectionStrings:Default names a PostgreSQL host"));
        Assert.Contains(problems, p => p.Contains("SharedPath '/no/such/folder' does not exist"));
        Assert.Contains(problems, p => p.Contains("Rammevaerk:Region is empty"));
        Assert.Contains(problems, p => p.Contains("Rammevaerk:MaxRequestsInProgress must be between 0 (no limit) and 10000 (is -1)"));
        Assert.Contains(problems, p => p.Contains("Rammevaerk:MaxRequestWaitSeconds must be between 1 and 600 (is 0)"));
        Assert.Contains(Problems("Production", ("Rammevaerk:PublicBaseUrl", "http://rammevaerk.example.dk")), p => p.Contains("must use https in Production"));
        Assert.Contains(Problems("Development", ("Rammevaerk:PublicBaseUrl", "rammevaerk.example.dk")), p => p.Contains("is not an absolute http(s) address"));
    }

    [Fact]
    public void Production_with_PostgreSQL_a_public_address_and_a_certificate_is_accepted()
    {
        var folder = Directory.CreateTempSubdirectory("rammevaerk-settings").FullName;
        try
        {
            var pfx = SelfSignedPfx(folder, "hemmelig");
            Assert.Empty(Problems("Production", ("ConnectionStrings:Default", "Host=db;Database=rammevaerk"), ("Rammevaerk:PublicBaseUrl", "https://rammevaerk.example.dk"),
                ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "hemmelig")));
            Assert.Contains(Problems("Production", ("ConnectionStrings:Default", "Host=db;Database=rammevaerk"), ("Rammevaerk:PublicBaseUrl", "https://rammevaerk.example.dk"),
                ("DataProtection:CertificatePath", pfx), ("DataProtection:CertificatePassword", "forkert")), p => p.StartsWith("DataProtection: the certificate cannot be read"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_app_refuses_to_start_in_Production_without_its_settings_and_says_which()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rammevaerk.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"refused-{Guid.NewGuid():N}.db")}";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(StartupCheck.ExitCode, process.ExitCode);
        var text = await stderr;
        Assert.Contains("Rammeværk will not start (Production)", text);
        Assert.Contains("Rammevaerk:PublicBaseUrl is required", text);
        Assert.Contains("DataProtection:CertificatePath is required", text);
    }

    [Theory]
    [InlineData("Rammevaerk__MaxRequestsInProgress", "mange", "'mange'", "Rammevaerk:MaxRequestsInProgress")]
    [InlineData("Pdf__IdleSeconds", "abc", "'abc'", "Pdf:IdleSeconds")]
    [InlineData("Pdf__IdleSeconds", "-5", "Pdf:IdleSeconds is -5", "0 to keep it running")]
    [InlineData("Pdf__MaxConcurrentRenders", "0", "Pdf:MaxConcurrentRenders is 0", "at least 1")]
    public async Task A_setting_that_is_not_a_number_or_out_of_range_stops_the_start_with_its_name_not_a_stack_trace(string variable, string value, string said, string named)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Rammevaerk.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"refused-{Guid.NewGuid():N}.db")}";
        start.Environment[variable] = value;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(StartupCheck.ExitCode, process.ExitCode);
        var text = await stderr;
        Assert.Contains("Rammeværk will not start (Development)", text);
        Assert.Contains(said, text);
        Assert.Contains(named, text);
        Assert.DoesNotContain("   at ", text);
    }
}

/// <summary>Keys encrypted at rest with a certificate given by configuration.</summary>
public sealed class EncryptedKeysHost : KestrelAppHost
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("rammevaerk-dp").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("DataProtection:CertificatePath", SettingsTests.SelfSignedPfx(Folder));
        // Only 10.1.2.3 may forward: the loopback test client is not believed.
        builder.UseSetting("Rammevaerk:Proxies", "10.1.2.3");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class DataProtectionAndProxyTests(EncryptedKeysHost app) : IClassFixture<EncryptedKeysHost>
{
    [Fact]
    public async Task Keys_are_stored_encrypted_with_the_configured_certificate_and_sign_in_works()
    {
        var client = await app.SignInAsSecretariatAsync();
        using (var home = await client.GetAsync("/sekretariat")) Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var keys = await Meetings.AuthoringSteps.QueryAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.DataProtectionKeys.Select(k => k.Xml!)));
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("encryptedSecret", k));
        Assert.All(keys, k => Assert.DoesNotContain("<value>", k)); // the unencrypted form keeps the secret in <value>
    }

    [Fact]
    public async Task Forwarded_headers_from_a_proxy_that_is_not_configured_are_ignored()
    {
        var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oparl/v1.1/system");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":\"{app.BaseUrl.ToString().TrimEnd('/')}/oparl/v1.1/system\"", json);
    }
}

public sealed class ForwardedHeadersTests(KestrelAppHost app) : IClassFixture<KestrelAppHost>
{
    [Fact]
    public async Task Forwarded_scheme_from_the_local_proxy_is_honoured_in_absolute_URLs()
    {
        var client = app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oparl/v1.1/system");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var response = await client.SendAsync(request);
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"id\":\"https://{app.BaseUrl.Authority}/oparl/v1.1/system\"", json);
    }
}
