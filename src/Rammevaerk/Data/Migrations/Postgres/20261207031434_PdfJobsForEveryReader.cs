using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Rammevaerk.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PdfJobsForEveryReader : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Audience",
                table: "PdfRenderJobs",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "Stamp",
                table: "PdfRenderJobs",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Variant",
                table: "PdfRenderJobs",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Audience",
                table: "PdfRenderJobs");

            migrationBuilder.DropColumn(
                name: "Stamp",
                table: "PdfRenderJobs");

            migrationBuilder.DropColumn(
                name: "Variant",
                table: "PdfRenderJobs");
        }
    }
}
