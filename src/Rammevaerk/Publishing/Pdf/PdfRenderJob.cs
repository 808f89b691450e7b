namespace Rammevaerk.Publishing.Pdf;

/// <summary>
/// A published version whose public PDFs are to be made in the background (<see cref="PdfPrerenderer"/>), written in
/// the publication's transaction so that it survives a restart. A worker claims a job by moving
/// <see cref="ClaimedUntil"/> forward with a conditional update; a job whose claim ran out is taken by the next.
/// </summary>
[Hosting.NotPublicData("Bookkeeping of background PDF rendering.")]
public sealed class PdfRenderJob
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    public int Version { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public int Attempts { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? LastError { get; set; }
}
