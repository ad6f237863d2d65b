# fig_dist_istdp - the distributions figure of experiment dist_istdp (figures/dist.gp draws it).
DEXP = "dist_istdp"; DNAME = "fig_dist_istdp"; DBLOCK = "ei"; DTH = "jei_star"; DEXTRA = ""
DLABEL = "iSTDP (R4) on I→E"
load figsrc . "/dist.gp"
