namespace Rammevaerk.Publishing.Pdf;

/// <summary>
/// A PDF to be made in the background by a node that prints (<see cref="PdfPrerenderer"/>), written in the
/// transaction that asks for it so that it survives a restart. A worker claims a job by moving
/// <see cref="ClaimedUntil"/> forward with a conditional update; a job whose claim ran out is taken by the next.
/// Publications write a <see cref="PdfAudience.Public"/> job for both public variants of the new version. Where web
/// nodes do not print (<see cref="PdfOptions.PrintOnThisNode"/> false), a reader's request for a PDF not made yet writes
/// the job for exactly that PDF: the members' variant or the secretariat's draft preview, one variant each.
/// </summary>
[Hosting.NotPublicData("Bookkeeping of background PDF rendering.")]
public sealed class PdfRenderJob
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    /// <summary>The public copy's version (0 for a draft preview).</summary>
    public int Version { get; set; }
    /// <summary>Whose PDF: the public's (both variants), the members' (closed items' content), or a draft's preview.</summary>
    public PdfAudience Audience { get; set; }
    /// <summary>The one variant to make; null for both (public jobs).</summary>
    public PdfVariant? Variant { get; set; }
    /// <summary>The stamp of the copy the PDF is made from (the working copy's for a draft); null for public jobs.</summary>
    public Guid? Stamp { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }
    public int Attempts { get; set; }
    public DateTime? DoneAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>Who a PDF job makes the PDF for.</summary>
public enum PdfAudience
{
    /// <summary>Anyone: both variants of a published version, without closed items' content.</summary>
    Public = 0,
    /// <summary>Members of the body and the secretariat: with closed items' content.</summary>
    Members = 1,
    /// <summary>The secretariat's preview of a draft.</summary>
    Draft = 2,
}
