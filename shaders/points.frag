// Marker shapes by signed distance (in framebuffer pixels): circles for the source domain,
// triangles for the target domain. Filled markers get a dark outline, hollow ones (held-out
// points) a coloured ring; a light ring marks points the model gets wrong.
precision highp float;

uniform float u_size;
uniform float u_ratio;  // framebuffer pixels per CSS pixel
in vec2 v_local;
flat in vec4 v_style;
flat in vec3 v_color;
flat in vec3 v_ring;
out vec4 o_color;

float sd_circle(vec2 p, float r) { return length(p) - r; }

float sd_triangle(vec2 p, float r) {
  // Equilateral triangle pointing up, centred, half side r (Quilez's exact distance).
  const float k = 1.7320508;
  p.x = abs(p.x) - r;
  p.y = p.y + r / k;
  if (p.x + k * p.y > 0.0) p = vec2(p.x - k * p.y, -k * p.x - p.y) / 2.0;
  p.x -= clamp(p.x, -2.0 * r, 0.0);
  return -length(p) * sign(p.y);
}

void main() {
  float r = 0.5 * u_size;
  float d = v_style.y > 0.5 ? sd_triangle(v_local, r * 1.05) : sd_circle(v_local, r);
  float aa = 0.75;
  float outline = 1.1 * u_ratio;
  float shape = 1.0 - smoothstep(-aa, aa, d);
  if (shape <= 0.0 && v_style.w < 0.5) discard;
  if (v_style.w > 1.5) {
    // Filled with the predicted class, ringed with the true one (a wrong prediction shows as
    // two colours).
    float ring_w = 2.4 * u_ratio;
    float outer = 1.0 - smoothstep(-aa, aa, d - ring_w);
    float inner = 1.0 - smoothstep(-aa, aa, d + 0.5 * u_ratio);
    vec3 c = mix(v_ring, v_color, inner);
    if (outer <= 0.0) discard;
    o_color = vec4(c, outer);
    return;
  }
  vec3 col;
  float alpha;
  if (v_style.z > 0.5) {
    float inner = 1.0 - smoothstep(-aa, aa, d + outline);
    col = mix(vec3(0.05, 0.06, 0.08), v_color, inner);
    alpha = shape;
  } else {
    float ring = 1.6 * u_ratio;
    float inner = 1.0 - smoothstep(-aa, aa, d + ring);
    col = v_color;
    alpha = shape * (1.0 - inner) + inner * 0.18;
  }
  if (v_style.w > 0.5) {
    // Misclassified: a light halo around the marker.
    float halo = (1.0 - smoothstep(-aa, aa, d - 1.2 * u_ratio)) * (1.0 - shape);
    col = mix(col, vec3(1.0), halo);
    alpha = max(alpha, 0.8 * halo);
  }
  if (alpha <= 0.0) discard;
  o_color = vec4(col, alpha);
}
