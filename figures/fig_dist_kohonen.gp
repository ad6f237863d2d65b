# fig_dist_kohonen - the distributions figure of experiment dist_kohonen (figures/dist.gp draws it).
DEXP = "dist_kohonen"; DNAME = "fig_dist_kohonen"; DBLOCK = "ee"; DTH = "jee_star"; DEXTRA = "raster_cx"
DLABEL = "Kohonen's rule (R3) on E→E"
load figsrc . "/dist.gp"
