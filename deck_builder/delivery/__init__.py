"""Getting decks to people: PDF and previews through LibreOffice, invitations, SMTP."""
