namespace Rammevaerk.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel socket (127.0.0.1, free port) for browser tests, on a throwaway SQLite database,
/// with the same settings, demo data and <see cref="TestAccounts"/> as <see cref="AppFactory"/>.
/// </summary>
public class KestrelAppHost : AppFactory
{
    private readonly List<HttpClient> clients = [];

    public KestrelAppHost() : this(TestDatabase.CreateSqlite()) { }

    protected KestrelAppHost(TestDatabase database) : base(database) => UseKestrel(0);

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234/. Starts the app on first use.</summary>
    public Uri BaseUrl
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    /// <summary>
    /// A real HTTP client that keeps cookies and does not follow redirects (the factory's own Kestrel clients
    /// always follow them).
    /// </summary>
    public override HttpClient CreateAnonymousClient()
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true };
        var client = new HttpClient(new SubmissionTokenHandler { InnerHandler = handler }) { BaseAddress = BaseUrl };
        lock (clients) clients.Add(client);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        lock (clients) clients.ForEach(c => c.Dispose());
        await base.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }
}
