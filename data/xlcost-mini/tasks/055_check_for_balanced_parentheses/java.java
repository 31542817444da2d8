import java.util.*;

class GFG {

    // Function to check if the brackets in the expression are balanced
    static boolean areBracketsBalanced(String expr) {
        Stack<Character> stack = new Stack<Character>();
        // Traversing the expression
        for (int i = 0; i < expr.length(); i++) {
            char ch = expr.charAt(i);
            // Push an opening bracket onto the stack
            if (ch == '(' || ch == '{' || ch == '[') {
                stack.push(ch);
            } else {
                // A closing bracket needs a matching opening bracket, so the stack cannot be empty
                if (stack.isEmpty())
                    return false;
                char top = stack.pop();
                // Check that the popped bracket matches the current closing bracket
                if ((top == '(' && ch != ')') || (top == '{' && ch != '}') || (top == '[' && ch != ']'))
                    return false;
            }
        }
        // The expression is balanced only if no opening bracket is left
        return stack.isEmpty();
    }

    // Driver code
    public static void main(String[] args) {
        String exprs[] = {"{()}[]", "[(])"};
        for (String expr : exprs) {
            if (areBracketsBalanced(expr))
                System.out.println("Balanced");
            else
                System.out.println("Not Balanced");
        }
    }
}
