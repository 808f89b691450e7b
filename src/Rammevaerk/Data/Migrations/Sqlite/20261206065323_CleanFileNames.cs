using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rammevaerk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CleanFileNames : Migration
    {
        /// <summary>
        /// File names already stored lose the characters that <c>FileNames.Clean</c> now removes on upload: control
        /// characters and the invisible ones that reorder or hide text (a right-to-left override made "…xcod.pdf" read
        /// "…fdp.docx").
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            int[] invisible =
            [
                .. Enumerable.Range(1, 31), .. Enumerable.Range(0x7F, 0x21), 0xAD, 0x61C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F,
                0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF,
            ];
            foreach (var (table, column) in new[] { ("Attachments", "FileName"), ("CapacityNoticeAttachments", "FileName"), ("AnnouncementFiles", "FileName"), ("Letters", "AnswerFileName") })
            {
                var cleaned = invisible.Aggregate($"\"{column}\"", (expression, c) => $"replace({expression}, char({c}), '')");
                migrationBuilder.Sql($"UPDATE \"{table}\" SET \"{column}\" = {cleaned} WHERE \"{column}\" <> {cleaned};");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The removed characters are not put back.
        }
    }
}
