// Package notify holds an account's Artifact settings and notification
// configurations (rules S1 and S2) and decides which accounts an event
// reaches: a subscribed account gets agreement updates if it chose them
// (all or nothing) and report updates for all reports or for the categories
// and series it chose; an unsubscribed account gets nothing.
//
// Settings are kept by a Store (package memstore holds the in-memory one);
// events are delivered to a Subscriber that the host provides, at least
// once, each Delivery with an ID that repeats when it is delivered again.
// An Outbox keeps the notifications of a change from before the change is
// stored until they are delivered, so that nothing that fails after the
// change (the settings unreadable, the Subscriber failing a delivery, the
// process ending) loses them: a Subscriber whose Notify returns an error
// has that delivery made again, with the same ID, by the next delivery
// from the Outbox (artifact.Service.Deliver), so that one forwarding to a
// queue or a webhook needs no durable queue of its own; a
// BatchStore reads many accounts' settings at once, for the members of a
// large organization.
//
// # Rules
//
// Rule ids such as S1 or S2 are those of the project's rulebook, RULES.md at
// the root of the repository, which states each rule and cites AWS's
// public documentation for it; "FAQ Agreements 5" or "BAA FAQ 12" is a
// question of the AWS Artifact FAQs (https://aws.amazon.com/artifact/faq/),
// numbered within its section as RULES.md says.
package notify
