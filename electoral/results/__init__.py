"""Official results per municipality (ayuntamientos) and local district (diputaciones MR)."""
