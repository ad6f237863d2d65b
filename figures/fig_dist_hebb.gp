# fig_dist_hebb - the distributions figure of experiment dist_hebb (figures/dist.gp draws it).
DEXP = "dist_hebb"; DNAME = "fig_dist_hebb"; DBLOCK = "ee"; DTH = "jee_star"; DEXTRA = ""
DLABEL = "the soft-bound Hebbian rule (R1) on E→E"
load figsrc . "/dist.gp"
