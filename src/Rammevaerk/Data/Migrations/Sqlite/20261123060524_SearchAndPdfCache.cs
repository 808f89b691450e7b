using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rammevaerk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchAndPdfCache : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RenderedPdfs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    CacheKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Warnings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenderedPdfs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenderedPdfs_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SearchEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    AgendaItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    AttachmentId = table.Column<int>(type: "INTEGER", nullable: true),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingStartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Section = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Stemmed = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchEntries_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RenderedPdfs_CacheKey",
                table: "RenderedPdfs",
                column: "CacheKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RenderedPdfs_MeetingId",
                table: "RenderedPdfs",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_BodyId_Year",
                table: "SearchEntries",
                columns: new[] { "BodyId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_MeetingId",
                table: "SearchEntries",
                column: "MeetingId");

            // Full text (hand-written; EF's model does not know it): an external-content FTS5 table over the
            // Danish stems in SearchEntries.Stemmed, kept in step by triggers. See Search/DanishText.cs.
            // A later migration that rebuilds SearchEntries (SQLite table rebuilds) must create these again.
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE \"SearchEntriesFts\" USING fts5(\"Stemmed\", content='SearchEntries', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_FtsInsert" AFTER INSERT ON "SearchEntries" BEGIN
                    INSERT INTO "SearchEntriesFts"(rowid, "Stemmed") VALUES (new."Id", new."Stemmed");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_FtsDelete" AFTER DELETE ON "SearchEntries" BEGIN
                    INSERT INTO "SearchEntriesFts"("SearchEntriesFts", rowid, "Stemmed") VALUES ('delete', old."Id", old."Stemmed");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchEntries_FtsUpdate" AFTER UPDATE ON "SearchEntries" BEGIN
                    INSERT INTO "SearchEntriesFts"("SearchEntriesFts", rowid, "Stemmed") VALUES ('delete', old."Id", old."Stemmed");
                    INSERT INTO "SearchEntriesFts"(rowid, "Stemmed") VALUES (new."Id", new."Stemmed");
                END;
                """);
            migrationBuilder.Sql("INSERT INTO \"SearchEntriesFts\"(\"SearchEntriesFts\") VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SearchEntries_FtsUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SearchEntries_FtsDelete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"SearchEntries_FtsInsert\";");
            migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchEntriesFts\";");

            migrationBuilder.DropTable(
                name: "RenderedPdfs");

            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
