using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rammevaerk.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchItems : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SearchEntries_Id_AgendaItemId_MeetingId",
                table: "SearchEntries");

            migrationBuilder.CreateTable(
                name: "SearchItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    BodyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingStartsAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SearchItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SearchItems_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_AgendaItemId",
                table: "SearchEntries",
                column: "AgendaItemId");

            migrationBuilder.CreateIndex(
                name: "IX_SearchItems_MeetingId",
                table: "SearchItems",
                column: "MeetingId");

            // The per-item documents (hand-written; EF's model does not know them): a contentless FTS5 table, rowid =
            // item id, filled by Search/SearchIndexer with the item's entries' stems; a trigger takes a deleted item's
            // document out (also when its meeting is deleted and the item row goes with it).
            migrationBuilder.Sql(
                "CREATE VIRTUAL TABLE \"SearchItemsFts\" USING fts5(\"Stemmed\", content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');");
            migrationBuilder.Sql("""
                CREATE TRIGGER "SearchItems_FtsDelete" AFTER DELETE ON "SearchItems" BEGIN
                    DELETE FROM "SearchItemsFts" WHERE rowid = old."Id";
                END;
                """);
            // The items already indexed.
            migrationBuilder.Sql("""
                INSERT INTO "SearchItems" ("Id", "MeetingId", "BodyId", "Year", "MeetingStartsAt")
                SELECT "AgendaItemId", MIN("MeetingId"), MIN("BodyId"), MIN("Year"), MIN("MeetingStartsAt")
                FROM "SearchEntries" GROUP BY "AgendaItemId";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "SearchItemsFts" (rowid, "Stemmed")
                SELECT "AgendaItemId", group_concat("Stemmed", ' ') FROM "SearchEntries" GROUP BY "AgendaItemId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "SearchItems_FtsDelete";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "SearchItemsFts";""");

            migrationBuilder.DropTable(
                name: "SearchItems");

            migrationBuilder.DropIndex(
                name: "IX_SearchEntries_AgendaItemId",
                table: "SearchEntries");

            migrationBuilder.CreateIndex(
                name: "IX_SearchEntries_Id_AgendaItemId_MeetingId",
                table: "SearchEntries",
                columns: new[] { "Id", "AgendaItemId", "MeetingId" });
        }
    }
}
