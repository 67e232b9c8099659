#include "app/gl_program.h"

#include <GLES3/gl3.h>

TL_NAMESPACE_BEGIN

namespace {

unsigned compile(unsigned type, const char* body, std::string& error) {
  const std::string src = std::string("#version 300 es\n") + body;
  const unsigned sh = glCreateShader(type);
  const char* p = src.c_str();
  glShaderSource(sh, 1, &p, nullptr);
  glCompileShader(sh);
  GLint ok = 0;
  glGetShaderiv(sh, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetShaderInfoLog(sh, sizeof(log), nullptr, log);
    error = std::string(type == GL_VERTEX_SHADER ? "vertex" : "fragment") + " shader: " + log;
    glDeleteShader(sh);
    return 0;
  }
  return sh;
}

}  // namespace

unsigned gl_link_program(const char* vertex, const char* fragment, std::string& error) {
  const unsigned v = compile(GL_VERTEX_SHADER, vertex, error);
  if (!v) return 0;
  const unsigned f = compile(GL_FRAGMENT_SHADER, fragment, error);
  if (!f) {
    glDeleteShader(v);
    return 0;
  }
  const unsigned p = glCreateProgram();
  glAttachShader(p, v);
  glAttachShader(p, f);
  glLinkProgram(p);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = {0};
    glGetProgramInfoLog(p, sizeof(log), nullptr, log);
    error = std::string("shader link: ") + log;
    glDeleteProgram(p);
    return 0;
  }
  return p;
}

TL_NAMESPACE_END
