using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Rammevaerk;
using Rammevaerk.Accounts;
using Rammevaerk.Cases;
using Rammevaerk.Data;
using Rammevaerk.Hosting;
using Rammevaerk.Meetings;
using Rammevaerk.Notifications;
using Rammevaerk.OParl;
using Rammevaerk.Offers;
using Rammevaerk.Publishing;
using Rammevaerk.Publishing.Feeds;
using Rammevaerk.Publishing.Pdf;
using Rammevaerk.Reporting;
using Rammevaerk.Search;
using Rammevaerk.Shared;
using Rammevaerk.Shared.Forms;

// Danish by default everywhere: requests, commands and start-up work alike.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("da-DK");

var builder = WebApplication.CreateBuilder(args);

builder.AddHosting(); // settings, keys, cache truth, background work, probes (Hosting/HostingModule.cs)
builder.Services.AddAppDatabase(builder.Configuration);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddMeetings(builder.Configuration);
builder.Services.AddPublishing();
builder.Services.AddPdf(builder.Configuration);
builder.Services.AddOParl(builder.Configuration);
builder.Services.AddSearch();
builder.Services.AddReporting();
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddScoped<Rammevaerk.Economics.AllocationCalculator>();
builder.Services.AddScoped<Rammevaerk.Economics.AllocationExporter>();
builder.Services.AddScoped<Rammevaerk.Demo.DemoData>();
builder.Services.AddOffers();
Rammevaerk.Capacity.CapacityModule.AddCapacity(builder.Services);
builder.Services.AddScoped<Rammevaerk.EarlyWarnings.EarlyWarningService>();
builder.Services.AddScoped<Rammevaerk.FollowUps.AgendaOffers>();
builder.Services.AddForms();
builder.Services.AddCases();
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/";
    // Who may open what is Accounts/AccessTable.cs, enforced for every route by app.UseAccounts().
    o.Conventions.AddPageRoute("/NeedsSurveys/Admin/New", "sekretariat/behovsanalyser/{id:int}/rediger");
}).AddMvcOptions(o => DanishModelBinding.Apply(o.ModelBindingMessageProvider));
builder.Services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
builder.Services.AddProblemDetails();
// Danish letters as themselves in the HTML, not as numeric entities.
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

Commands.QuietLogging(builder.Logging, args);
var app = builder.Build();

// The same settings check for the command line as for the web app: a command run with the wrong environment or a
// missing setting stops with the list of what is wrong instead of writing to some other database.
StartupCheck.RefuseBadSettings(app);
if (await Commands.TryRunAsync(app, args)) return;
RuntimeSettings.Report(app.Logger, app.Environment.IsProduction()); // the collector's settings; warnings where they cost memory

await Startup.PrepareDatabaseAsync(app);

app.UseHostingFront(); // forwarded headers, HEAD as GET, Secure cookies (Hosting/HostingModule.cs)
var danish = new CultureInfo("da-DK");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(danish),
    SupportedCultures = [danish],
    SupportedUICultures = [danish],
});

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/fejl");
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/fejl/{0}");
app.UseSecurityHeaders();
app.UseMiddleware<Rammevaerk.Hosting.ReadGateMiddleware>(); // at most Rammevaerk:MaxRequestsInProgress at once (Hosting/RequestGate.cs)
app.UseMiddleware<Rammevaerk.Hosting.CacheRuleMiddleware>(); // Cache-Control for every answer (Hosting/CacheRule.cs)
app.UseStaticFiles();
app.UsePdfFiles(); // public PDFs already made, sent like static files (Publishing/Pdf/PdfModule.cs)
app.UseRouting();
// Before authentication: a cache hit for an anonymous reader skips the rest of the pipeline. Readers with a
// login cookie never read from the cache (see PublishingModule).
app.UsePublishingCache();
app.UseAuthentication();
app.UseAccounts(); // the access table on every route, then the sign-in forms' rate limits
app.UseAuthorization();
app.UseTransientRetries();

app.MapProbes();
app.MapRazorPages();
app.MapMeetings();
app.MapPublishing();
app.MapPdf();
app.MapOParl();
app.MapFeeds();

app.Run();

/// <summary>Entry point type for WebApplicationFactory in the tests.</summary>
public partial class Program;
