using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class JourneyPeople : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "WhatsApp",
                table: "Partners",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Parking",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Transit",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhatsApp",
                table: "MeetingPlaces",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "MailOutbox",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentText",
                table: "MailOutbox",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignUpChangeNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SignUpId = table.Column<long>(type: "bigint", nullable: false),
                    ChangeKey = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: true),
                    NewStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NewEndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Mailed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignUpChangeNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignUpChangeNotices_SignUps_SignUpId",
                        column: x => x.SignUpId,
                        principalTable: "SignUps",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignUpChangeNotices_SignUpId_ChangeKey",
                table: "SignUpChangeNotices",
                columns: new[] { "SignUpId", "ChangeKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignUpChangeNotices");

            migrationBuilder.DropColumn(
                name: "WhatsApp",
                table: "Partners");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "MeetingPlaces");

            migrationBuilder.DropColumn(
                name: "Parking",
                table: "MeetingPlaces");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "MeetingPlaces");

            migrationBuilder.DropColumn(
                name: "Transit",
                table: "MeetingPlaces");

            migrationBuilder.DropColumn(
                name: "WhatsApp",
                table: "MeetingPlaces");

            migrationBuilder.DropColumn(
                name: "AttachmentName",
                table: "MailOutbox");

            migrationBuilder.DropColumn(
                name: "AttachmentText",
                table: "MailOutbox");
        }
    }
}
