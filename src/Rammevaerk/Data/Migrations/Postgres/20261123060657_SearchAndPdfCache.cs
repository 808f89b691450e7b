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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RenderedPdfs");

            migrationBuilder.DropTable(
                name: "SearchEntries");
        }
    }
}
