// Package notify holds an account's Artifact settings and notification
// configurations (rules S1 and S2) and decides which accounts an event
// reaches: a subscribed account gets agreement updates if it chose them
// (all or nothing) and report updates for all reports or for the categories
// and series it chose; an unsubscribed account gets nothing.
//
// Settings are kept by a Store (package memstore holds the in-memory one);
// events are delivered to a Subscriber that the host provides.
package notify
