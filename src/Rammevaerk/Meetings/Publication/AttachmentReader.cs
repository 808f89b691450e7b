namespace Rammevaerk.Meetings.Publication;

/// <summary>
/// Reads the whole text of an attachment for the publication check (through <see cref="Search.AttachmentText"/>, the
/// one reader of attachment text), and says whether it could be read: a PDF whose pages carry no letter or digit is a
/// scan (not accessible); a file that cannot be opened is unreadable. Unlike the search index it does not stop at
/// 200,000 characters: a CPR number on page 80 must be found too. The text is stored (<see cref="AttachmentScan"/>),
/// so each file is read once.
/// </summary>
public static class AttachmentReader
{
    /// <summary>Text kept of one attachment for the check.</summary>
    public const int MaxChars = 5_000_000;

    public sealed record Result(AttachmentReadability Readability, string Text);

    public static Result Read(string fileName, byte[] bytes)
    {
        var kind = AttachmentInspector.Detect(bytes);
        if (kind is null || !Search.AttachmentText.CanExtract(fileName)) return new Result(AttachmentReadability.NotRead, "");
        try
        {
            var text = Search.AttachmentText.Extract(fileName, bytes, MaxChars);
            if (kind == AttachmentKind.Pdf && !text.Any(char.IsLetterOrDigit)) return new Result(AttachmentReadability.NoText, "");
            return new Result(AttachmentReadability.Readable, text);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new Result(AttachmentReadability.Unreadable, "");
        }
    }
}
