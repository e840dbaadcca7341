"""The /pay/ section: pay where you live, every metropolitan and nonmetropolitan area."""
