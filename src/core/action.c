/* Placeholder: being written. */
typedef int action_placeholder;
