namespace Rammevaerk.Publishing.Pdf;

/// <summary>A generated PDF, cached per meeting version and variant so it is rendered once.</summary>
[Hosting.NotPublicData("A cache of what is rendered from public data, keyed by the meeting's version; writing it changes nothing shown.")]
public sealed class RenderedPdf
{
    public int Id { get; set; }
    public int MeetingId { get; set; }
    /// <summary>Identifies what was rendered: meeting version, concurrency stamp, variant and audience.</summary>
    public required string CacheKey { get; set; }
    public required byte[] Bytes { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Danish warnings for the secretariat, e.g. an encrypted attachment that could not be appended.</summary>
    public string? Warnings { get; set; }
}
