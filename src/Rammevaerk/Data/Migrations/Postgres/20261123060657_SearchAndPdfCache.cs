using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Rammevaerk.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<int>(type: "integer", nullable: false),
                    CacheKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Warnings = table.Column<string>(type: "text", nullable: true)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MeetingId = table.Column<int>(type: "integer", nullable: false),
                    AgendaItemId = table.Column<int>(type: "integer", nullable: false),
                    AttachmentId = table.Column<int>(type: "integer", nullable: true),
                    BodyId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    MeetingStartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Section = table.Column<int>(type: "integer", nullable: false),
                    ItemNumber = table.Column<int>(type: "integer", nullable: false),
                    ItemTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Stemmed = table.Column<string>(type: "text", nullable: false)
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

            // Full text (hand-written; EF's model does not know the column): the item title and the plain text read
            // with the danish configuration. ASCII punctuation becomes space first, so that the parser splits words
            // exactly where Search/DanishText.cs does ("2.422", "www.sst.dk", "Faaborg-Midtfyn" would otherwise
            // stay whole) and both databases find the same rows.
            migrationBuilder.Sql("""
                ALTER TABLE "SearchEntries" ADD COLUMN "Document" tsvector GENERATED ALWAYS AS (
                    to_tsvector('danish'::regconfig,
                        regexp_replace(coalesce("ItemTitle", '') || ' ' || coalesce("Text", ''), '[!-/:-@[-`{-~]+', ' ', 'g'))
                ) STORED;
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_SearchEntries_Document" ON "SearchEntries" USING GIN ("Document");""");
            // Ranking reads each matching row's tsvector; lz4 unpacks several times faster than the default pglz.
            // Servers without lz4 (or before PostgreSQL 14) keep the default.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE 'ALTER TABLE "SearchEntries" ALTER COLUMN "Document" SET COMPRESSION lz4';
                EXCEPTION WHEN OTHERS THEN
                    RAISE NOTICE 'lz4 is not available: "SearchEntries"."Document" keeps the default compression';
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_SearchEntries_Document";""");
            migrationBuilder.Sql("""ALTER TABLE "SearchEntries" DROP COLUMN IF EXISTS "Document";""");

            migrationBuilder.DropTable(
                name: "RenderedPdfs");

            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
