using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rammevaerk.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    MeetingId = table.Column<int>(type: "integer", nullable: false),
                    BodyId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    MeetingStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            // The per-item document (hand-written; EF's model does not know the column): the item's entries'
            // documents concatenated, set by Search/SearchIndexer with this aggregate, with a GIN index.
            migrationBuilder.Sql("""
                CREATE OR REPLACE AGGREGATE rammevaerk_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');
                """);
            migrationBuilder.Sql("""ALTER TABLE "SearchItems" ADD COLUMN "Document" tsvector NOT NULL DEFAULT '';""");
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchItems_Document" ON "SearchItems" USING GIN ("Document");""");
            // Ranking unpacks each ranked item's document; lz4 unpacks several times faster than the default pglz.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE 'ALTER TABLE "SearchItems" ALTER COLUMN "Document" SET COMPRESSION lz4';
                EXCEPTION WHEN OTHERS THEN
                    RAISE NOTICE 'lz4 is not available: "SearchItems"."Document" keeps the default compression';
                END $$;
                """);
            // The items already indexed.
            migrationBuilder.Sql("""
                INSERT INTO "SearchItems" ("Id", "MeetingId", "BodyId", "Year", "MeetingStartsAt", "Document")
                SELECT "AgendaItemId", MIN("MeetingId"), MIN("BodyId"), MIN("Year"), MIN("MeetingStartsAt"),
                       CASE WHEN SUM(length("Document")) <= 50000
                            THEN rammevaerk_tsvector_agg("Document" ORDER BY "Id")
                            ELSE rammevaerk_tsvector_agg(strip("Document") ORDER BY "Id") END
                FROM "SearchEntries" GROUP BY "AgendaItemId";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SearchItems");

            migrationBuilder.Sql("DROP AGGREGATE IF EXISTS rammevaerk_tsvector_agg(tsvector);");

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
