using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.OutputCaching;
using Rammevaerk.Data;
using Rammevaerk.Publishing;

namespace Rammevaerk.Meetings.Import;

public sealed class ImportOptions
{
    /// <summary>How often an idle worker looks for queued files (another instance's uploads), in seconds.</summary>
    public int PollSeconds { get; set; } = 5;

    /// <summary>False stops this instance from processing imports (another instance, or a test, does it).</summary>
    public bool ProcessInBackground { get; set; } = true;
}

/// <summary>
/// Processes queued import files, one at a time per instance, from the database. A file is claimed with a conditional
/// update (state Queued, or Working with an expired lease) that sets <see cref="ImportFile.ClaimedBy"/> and a lease, so
/// two app instances never process the same file; a file whose worker died is taken over when its lease runs out, so
/// a bulk import that stopped midway resumes by itself. Each file's meeting and the file's own result are written in
/// one transaction, after checking that the claim is still this worker's: a finished meeting is whole, an unfinished
/// one untouched.
/// </summary>
public sealed class ImportWorker(IServiceScopeFactory scopes, IOptionsMonitor<ImportOptions> options, TimeProvider clock, ILogger<ImportWorker> log)
    : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>A file is given up (refused with the error) after this many failed attempts.</summary>
    public const int MaxAttempts = 3;

    private readonly Channel<bool> nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>This instance's name in <see cref="ImportFile.ClaimedBy"/>.</summary>
    public string Node { get; } = NodeName();

    private static string NodeName()
    {
        string name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 100 ? name : name[^100..];
    }

    /// <summary>Wakes this instance's worker at once (after an upload); other instances find the work by polling.</summary>
    public void Nudge() => nudges.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (options.CurrentValue.ProcessInBackground)
            {
                try
                {
                    while (await ProcessNextAsync(stoppingToken)) { }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    log.LogError(e, "The import worker failed; it tries again shortly.");
                }
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            wait.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, options.CurrentValue.PollSeconds)));
            try
            {
                await nudges.Reader.ReadAsync(wait.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims and processes the next file; false when there was none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken ct = default)
    {
        int? id = await ClaimAsync(ct);
        if (id is null) return false;
        await using var scope = scopes.CreateAsyncScope();
        var runner = scope.ServiceProvider.GetRequiredService<ImportRunner>();
        try
        {
            await runner.ProcessAsync(id.Value, Node, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Import file {Id} failed.", id);
            await ReleaseAfterErrorAsync(id.Value, e, ct);
        }
        return true;
    }

    /// <summary>Processes every queued file now (the command line, tests); returns how many were processed.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default)
    {
        int n = 0;
        while (await ProcessNextAsync(ct)) n++;
        return n;
    }

    private async Task<int?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        for (int tries = 0; tries < 5; tries++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await db.ImportFiles.AsNoTracking()
                .Where(f => f.State == ImportFileState.Queued || (f.State == ImportFileState.Working && f.ClaimedUntil < now))
                .OrderBy(f => f.BatchId).ThenBy(f => f.Order)
                .Select(f => (int?)f.Id).FirstOrDefaultAsync(ct);
            if (candidate is null) return null;
            var until = now + Lease;
            int claimed = await db.ImportFiles
                .Where(f => f.Id == candidate && (f.State == ImportFileState.Queued || (f.State == ImportFileState.Working && f.ClaimedUntil < now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(f => f.State, ImportFileState.Working)
                    .SetProperty(f => f.ClaimedBy, Node)
                    .SetProperty(f => f.ClaimedUntil, until)
                    .SetProperty(f => f.Attempts, f => f.Attempts + 1), ct);
            if (claimed == 1) return candidate;
        }
        return null;
    }

    private async Task ReleaseAfterErrorAsync(int id, Exception error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var file = await db.ImportFiles.SingleOrDefaultAsync(f => f.Id == id && f.ClaimedBy == Node, ct);
        if (file is null) return;
        file.ClaimedBy = null;
        file.ClaimedUntil = null;
        if (file.Attempts >= MaxAttempts)
        {
            file.State = ImportFileState.Done;
            file.Outcome = ImportOutcome.Refused;
            file.Reason = $"Filen kunne ikke importeres efter {file.Attempts} forsøg på grund af en fejl i Rammeværk; intet er skrevet for den. Kontakt driften (fejl: {error.GetType().Name}).";
            file.FinishedAt = clock.GetUtcNow().UtcDateTime;
        }
        else
        {
            file.State = ImportFileState.Queued;
        }
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>Processes one claimed import file: read, parse, plan, and write or wait for the secretariat.</summary>
public sealed class ImportRunner(AppDb db, MinutesImporter importer, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task ProcessAsync(int fileId, string node, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var file = await db.ImportFiles.Include(f => f.Batch).SingleAsync(f => f.Id == fileId, ct);
        if (file.ClaimedBy != node || file.State != ImportFileState.Working) return; // taken over meanwhile
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            await ProcessClaimedAsync(file, ct);
        }
        catch (ImportRejectedException e)
        {
            db.ChangeTracker.Clear();
            await tx.RollbackAsync(ct);
            await FinishRefusedAsync(fileId, node, e.Message, ct);
            return;
        }
        // The claim must still be ours when the work is committed (a lease that ran out was taken over).
        int still = await db.ImportFiles.Where(f => f.Id == fileId && f.ClaimedBy == node).CountAsync(ct);
        if (still == 0)
        {
            await tx.RollbackAsync(ct);
            return;
        }
        file.ClaimedBy = null;
        file.ClaimedUntil = null;
        file.FinishedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        // What the public sees may have changed (a meeting published, items added).
    }

    private async Task FinishRefusedAsync(int fileId, string node, string reason, CancellationToken ct)
    {
        var file = await db.ImportFiles.SingleAsync(f => f.Id == fileId, ct);
        if (file.ClaimedBy != node) return;
        file.State = ImportFileState.Done;
        file.Outcome = ImportOutcome.Refused;
        file.Reason = reason.Length > 2000 ? reason[..2000] : reason;
        file.ClaimedBy = null;
        file.ClaimedUntil = null;
        file.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }

    private async Task ProcessClaimedAsync(ImportFile file, CancellationToken ct)
    {
        if (file.Text is null)
        {
            var doc = SourceFiles.Read(file.Name, file.Content ?? []);
            file.Text = doc.Text;
            file.PreDroppedJson = doc.PreDropped.Count == 0 ? null : JsonSerializer.Serialize(doc.PreDropped, Json);
        }
        file.Content = null;

        // The same bytes twice in one import: the second is a duplicate, not a second import.
        var twin = await db.ImportFiles.AsNoTracking()
            .Where(f => f.BatchId == file.BatchId && f.Sha256 == file.Sha256 && f.Order < file.Order)
            .Select(f => new { f.Name }).FirstOrDefaultAsync(ct);
        if (twin is not null)
        {
            file.State = ImportFileState.Done;
            file.Outcome = ImportOutcome.Duplicate;
            file.Reason = $"Samme fil som \"{twin.Name}\" i denne import; den er kun importeret én gang.";
            return;
        }

        var parsed = await importer.ParseAsync(file.Text, ct);
        var plan = await importer.PlanAsync(parsed, file.BodyId ?? file.Batch.BodyId, ct);
        var preDropped = PreDropped(file);
        Count(file, parsed, plan, preDropped);
        file.BodyName = plan.BodyName is null ? null : Truncate(plan.BodyName, 200);

        if (plan.BodyId is null)
        {
            file.State = ImportFileState.NeedsBody;
            file.Reason = plan.BodyName is null
                ? "Teksten nævner ikke udvalget. Vælg udvalget for filen."
                : $"Udvalget \"{plan.BodyName}\" findes ikke i Rammeværk. Opret det, eller vælg et eksisterende udvalg for filen.";
            file.ReportJson = ImportReports.Serialize(ImportReports.For(parsed, plan, preDropped, []));
            return;
        }
        await ApplyAsync(file, plan, preDropped, plan.IsNew ? plan.Parsed.Items.Select(i => i.Number).ToHashSet() : null, createBody: false, user: file.Batch.CreatedBy, ct);
    }

    /// <summary>
    /// Writes a planned file (all of a new meeting, or the chosen items of an existing one) and records the outcome;
    /// an existing meeting without a choice leaves the file waiting with its comparison.
    /// </summary>
    public async Task ApplyAsync(ImportFile file, ImportPlan plan, IReadOnlyList<DroppedText> preDropped, IReadOnlySet<int>? take,
        bool createBody, string? user, CancellationToken ct)
    {
        var parsed = plan.Parsed;
        // For a meeting that exists nothing is written unless items were chosen.
        void Leave(ImportFileState state, ImportOutcome outcome, string reason)
        {
            file.State = state;
            file.Outcome = outcome;
            file.MeetingId = plan.ExistingMeetingId;
            file.Reason = reason;
            file.ReportJson = ImportReports.Serialize(ImportReports.For(parsed, plan, preDropped, []));
        }
        if (!plan.IsNew && plan.Identical)
        {
            Leave(ImportFileState.Done, ImportOutcome.Unchanged, "Mødet findes allerede med samme indhold; intet er ændret.");
            return;
        }
        if (!plan.IsNew && take is null)
        {
            Leave(ImportFileState.AwaitingChoice, ImportOutcome.None,
                $"Mødet findes allerede. Intet er skrevet: vælg, om det skal beholdes, have de {plan.NewNumbers.Count} nye punkter tilføjet, eller have ændrede punkter erstattet ({plan.ChangedNumbers.Count} er ændret).");
            return;
        }
        if (!plan.IsNew && take!.Count == 0)
        {
            Leave(ImportFileState.Done, ImportOutcome.Kept, "Det eksisterende møde er beholdt, som det var.");
            return;
        }
        var applied = await importer.ApplyAsync(plan, take!, user, createBody, file.Name, file.Id, ct);
        file.State = ImportFileState.Done;
        file.MeetingId = applied.MeetingId;
        file.Questions = applied.Questions.Count;
        file.Outcome = applied.Questions.Count > 0 ? ImportOutcome.AcceptedWithQuestions : ImportOutcome.Accepted;
        file.Reason = (applied.BodyCreated is { } created ? $"Udvalget \"{created}\" er oprettet. " : "")
                      + (applied.Created
                          ? applied.Published ? "Mødet er oprettet og offentliggjort." : "Mødet er oprettet, men ikke offentliggjort, før spørgsmålene er besvaret."
                          : $"{applied.Added} punkter er tilføjet og {applied.Replaced} erstattet (som en ny version; alle links er bevaret).");
        file.ReportJson = ImportReports.Serialize(ImportReports.For(parsed, plan, preDropped, applied.Questions));
    }

    public static IReadOnlyList<DroppedText> PreDropped(ImportFile file) =>
        file.PreDroppedJson is null ? [] : JsonSerializer.Deserialize<List<DroppedText>>(file.PreDroppedJson, Json) ?? [];

    private static void Count(ImportFile file, ParsedMinutes parsed, ImportPlan plan, IReadOnlyList<DroppedText> preDropped)
    {
        file.ItemsFound = parsed.Items.Count(i => !i.NoSourceText);
        file.ItemsListed = parsed.ListedCount;
        file.LinesTotal = parsed.Lines.NonBlankLines + preDropped.Count;
        file.LinesOnMeeting = parsed.Lines.OnMeeting;
        file.LinesDropped = file.LinesTotal - file.LinesOnMeeting;
        file.Questions = parsed.Questions.Count;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
