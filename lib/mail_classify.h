/*
 * M5: what kind of mail a parsed message is, from its headers alone,
 * before anything routes it.
 */
#ifndef MAIL_CLASSIFY_H
#define MAIL_CLASSIFY_H

struct mime_mail;

enum mail_class {
	MAIL_CLASS_NORMAL,
	MAIL_CLASS_BOUNCE,
	MAIL_CLASS_AUTO_REPLY,
	MAIL_CLASS_LIST,
	MAIL_CLASS__MAX
};

extern const char *const mail_class_names[MAIL_CLASS__MAX];

enum mail_class	mail_classify(const struct mime_mail *);

#endif
