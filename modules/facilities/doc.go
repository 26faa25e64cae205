// Package facilities is the facilities module: where a company's equipment
// physically is. Datacenters hold rooms, rooms hold rows and racks, and a
// rack's numbered units hold assets (placed by modules/assets, which calls
// into this module, never the other way round) and reservations. It is cut
// into one package per aggregate, in the shape of modules/core:
//
//	datacenters  the company's sites (their permission codes stay core's)
//	rooms        rooms of a datacenter and the rows in them
//	racks        racks, their unit counts and reservations of their units
//	layout       rack elevations (JSON and SVG), the search for free space
//	             and capacity summaries of a datacenter or room
//	occupancy    how a rack's units are taken: the arithmetic shared by the
//	             packages above and by asset placement, and the rack lock
//	             every write that takes units holds
package facilities
