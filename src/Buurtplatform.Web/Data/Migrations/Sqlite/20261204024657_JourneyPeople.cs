using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Buurtplatform.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "MeetingPlaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Parking",
                table: "MeetingPlaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "MeetingPlaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Transit",
                table: "MeetingPlaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WhatsApp",
                table: "MeetingPlaces",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentName",
                table: "MailOutbox",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttachmentText",
                table: "MailOutbox",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SignUpChangeNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignUpId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChangeKey = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NewStartUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewEndUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Mailed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
