-- A person's language is their own choice in the user menu; until they make one the console
-- follows the browser (docs/decisions/041-language-follows-the-browser.md). Every 'en' stored
-- so far was the old default for new accounts, never distinguishable from a choice, so it is
-- cleared too: those people now see their browser's language until they pick one.
alter table users alter column language drop default;
alter table users alter column language drop not null;
update users set language = null where language = 'en';
